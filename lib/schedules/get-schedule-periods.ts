import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { schedulePeriods, tasks } from '@/db/schema';
import { periodStatusCounts } from './count-periods';
import { periodKeyLabel } from './period-label';
import { taskOutcome, type PeriodStatus } from './task-outcome';

// The schedule's record as an examiner reads it: every period the ledger (schedule_periods)
// holds, newest first, each with its task or its recorded miss. Paged by keyset on
// (occurrence_at, period_key), which schedule_periods_occurrence_idx serves.

export type SchedulePeriodRow = {
  periodKey: string;
  label: string;
  occurrenceAt: Date;
  recordedAt: Date;
  /** Why the task came late, or why the period was missed. */
  reason: string;
  status: PeriodStatus;
  task: {
    id: string;
    number: number;
    title: string;
    state: string;
    dueAt: Date | null;
    closedAt: Date | null;
    generatedLate: boolean;
    lateReason: string | null;
  } | null;
};

export type SchedulePeriodsPage = { rows: SchedulePeriodRow[]; nextCursor: string | null };

export const PERIODS_PAGE_SIZE = 50;

function encodeCursor(row: Pick<SchedulePeriodRow, 'occurrenceAt' | 'periodKey'>): string {
  return Buffer.from(JSON.stringify([row.occurrenceAt.toISOString(), row.periodKey])).toString(
    'base64url',
  );
}

/** A cursor from a URL: anything malformed reads as the first page, never an error. */
function decodeCursor(cursor: string | undefined): [Date, string] | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      !Array.isArray(value) ||
      value.length !== 2 ||
      typeof value[0] !== 'string' ||
      typeof value[1] !== 'string'
    )
      return undefined;
    const at = new Date(value[0]);
    return Number.isNaN(at.getTime()) ? undefined : [at, value[1]];
  } catch {
    return undefined;
  }
}

export async function getSchedulePeriods(
  db: DbOrTx,
  scheduleId: string,
  params: { cursor?: string; limit?: number } = {},
  now = new Date(),
): Promise<SchedulePeriodsPage> {
  const limit = Math.min(Math.max(params.limit ?? PERIODS_PAGE_SIZE, 1), 500);
  const after = decodeCursor(params.cursor);
  const rows = await db
    .select({
      period: schedulePeriods,
      task: {
        id: tasks.id,
        number: tasks.number,
        title: tasks.title,
        state: tasks.state,
        dueAt: tasks.dueAt,
        closedAt: tasks.closedAt,
        generatedLate: tasks.generatedLate,
        lateReason: tasks.lateReason,
      },
    })
    .from(schedulePeriods)
    .leftJoin(tasks, eq(tasks.id, schedulePeriods.taskId))
    .where(
      and(
        eq(schedulePeriods.scheduleId, scheduleId),
        after
          ? sql`(${schedulePeriods.occurrenceAt}, ${schedulePeriods.periodKey}) < (${after[0].toISOString()}::timestamptz, ${after[1]})`
          : undefined,
      ),
    )
    .orderBy(desc(schedulePeriods.occurrenceAt), desc(schedulePeriods.periodKey))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(({ period, task }): SchedulePeriodRow => ({
    periodKey: period.periodKey,
    label: periodKeyLabel(period.periodKey),
    occurrenceAt: period.occurrenceAt,
    recordedAt: period.recordedAt,
    reason: period.reason || task?.lateReason || '',
    status: period.outcome === 'missed' || !task ? 'missed' : taskOutcome(task, now),
    task: period.outcome === 'task' ? task : null,
  }));
  return {
    rows: page,
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
  };
}

/** How many of the schedule's periods are in each state: one aggregate over its ledger rows. */
export async function getPeriodRecord(
  db: DbOrTx,
  scheduleId: string,
  now = new Date(),
): Promise<Record<PeriodStatus, number>> {
  const [row] = await db
    .select(periodStatusCounts(now))
    .from(schedulePeriods)
    .leftJoin(tasks, eq(tasks.id, schedulePeriods.taskId))
    .where(eq(schedulePeriods.scheduleId, scheduleId));
  return row;
}

import { stringify } from 'csv-stringify/sync';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskSchedules } from '@/db/schema';
import { safeCell } from '@/lib/csv/safe-cell';
import { TASK_STATE_LABELS } from '@/lib/tasks/schemas';
import { formatDateTime } from '@/lib/time/format';
import { getSchedulePeriods } from './get-schedule-periods';
import { PERIOD_STATUS_LABELS } from './task-outcome';

export const PERIOD_EXPORT_COLUMNS = [
  'Schedule',
  'Period',
  'Period key',
  'Occurrence',
  'Outcome',
  'Task',
  'Task state',
  'Result',
  'Due',
  'Closed',
  'Reason',
  'Recorded',
] as const;

/**
 * One schedule's ledger as the examiner's CSV: every period, newest first, as a task or a
 * recorded miss, with why it came late or was missed. A schedule owes thousands of periods
 * at most (daily for ten years), so it is built in pages in memory like the schedules export;
 * every cell goes through safeCell (anyone may name a schedule "=HYPERLINK(…)"). Null when the
 * schedule does not exist.
 */
export async function schedulePeriodsCsv(
  db: DbOrTx,
  scheduleId: string,
  viewerTimeZone: string,
  now = new Date(),
): Promise<string | null> {
  const [schedule] = await db
    .select({ name: taskSchedules.name })
    .from(taskSchedules)
    .where(eq(taskSchedules.id, scheduleId));
  if (!schedule) return null;
  const lines: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await getSchedulePeriods(db, scheduleId, { cursor, limit: 500 }, now);
    for (const p of page.rows) {
      lines.push([
        schedule.name,
        p.label,
        p.periodKey,
        formatDateTime(p.occurrenceAt, viewerTimeZone),
        p.task ? 'Task' : 'Missed',
        p.task ? `TASK-${p.task.number}` : '',
        p.task
          ? (TASK_STATE_LABELS[p.task.state as keyof typeof TASK_STATE_LABELS] ?? p.task.state)
          : '',
        PERIOD_STATUS_LABELS[p.status],
        p.task ? formatDateTime(p.task.dueAt, viewerTimeZone) : '',
        p.task?.closedAt ? formatDateTime(p.task.closedAt, viewerTimeZone) : '',
        p.reason,
        formatDateTime(p.recordedAt, viewerTimeZone),
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return (
    '\uFEFF' + stringify([[...PERIOD_EXPORT_COLUMNS], ...lines.map((line) => line.map(safeCell))])
  );
}

import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskSchedules } from '@/db/schema';
import { csvDocument } from '@/lib/csv/csv-text';
import { formatCsvDateTime, zonedHeader } from '@/lib/csv/spreadsheet-dates';
import { TASK_STATE_LABELS } from '@/lib/tasks/schemas';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { getSchedulePeriods } from './get-schedule-periods';
import { PERIOD_STATUS_LABELS } from './task-outcome';

export const PERIOD_EXPORT_COLUMNS = [
  'Schedule ID',
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

/** Columns holding an instant, written in the viewer's zone and named with it in the header. */
const ZONED_COLUMNS: ReadonlySet<string> = new Set(['Occurrence', 'Due', 'Closed', 'Recorded']);

/** The header row, the viewer's zone named in each date-time column: "Due (America/Chicago)". */
export function periodExportHeader(timeZone: string): string[] {
  return PERIOD_EXPORT_COLUMNS.map((c) => (ZONED_COLUMNS.has(c) ? zonedHeader(c, timeZone) : c));
}

/**
 * One schedule's ledger as the examiner's CSV: every period, newest first, as a task or a
 * recorded miss, with why it came late or was missed. A schedule owes thousands of periods
 * at most (daily for ten years), so it is built in pages in memory like the schedules export;
 * csvDocument neutralises formula cells (anyone may name a schedule "=HYPERLINK(…)"). Schedule
 * ID joins the schedules CSV's ID, Task the tasks CSV's Number. Null when the schedule does not
 * exist.
 */
export async function schedulePeriodsCsv(
  db: DbOrTx,
  scheduleId: string,
  viewerTimeZone: string,
  now = new Date(),
): Promise<string | null> {
  const [schedule] = await db
    .select({ id: taskSchedules.id, name: taskSchedules.name })
    .from(taskSchedules)
    .where(eq(taskSchedules.id, scheduleId));
  if (!schedule) return null;
  const zone = isValidTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
  const lines: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await getSchedulePeriods(db, scheduleId, { cursor, limit: 500 }, now);
    for (const p of page.rows) {
      lines.push([
        schedule.id,
        schedule.name,
        p.label,
        p.periodKey,
        formatCsvDateTime(p.occurrenceAt, zone),
        p.task ? 'Task' : 'Missed',
        p.task ? `TASK-${p.task.number}` : '',
        p.task
          ? (TASK_STATE_LABELS[p.task.state as keyof typeof TASK_STATE_LABELS] ?? p.task.state)
          : '',
        PERIOD_STATUS_LABELS[p.status],
        formatCsvDateTime(p.task?.dueAt, zone),
        formatCsvDateTime(p.task?.closedAt, zone),
        p.reason,
        formatCsvDateTime(p.recordedAt, zone),
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return csvDocument(periodExportHeader(zone), lines);
}

import type { DbOrTx } from '@/db/client';
import type { ActivityRow } from '@/db/schema';
import { csvDocument } from '@/lib/csv/csv-text';
import { formatCsvDateTime, zonedHeader } from '@/lib/csv/spreadsheet-dates';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { getActivityLabels, NO_LABELS, type ActivityLabels } from './activity-labels';
import { actorName, describeAction } from './action-words';
import { describeChanges, stateLabelsFor } from './describe-changes';

/** The header row; the time column names the viewer's zone. */
function activityCsvHeader(timeZone: string): string[] {
  return [
    'Item',
    zonedHeader('Time', timeZone),
    'Who',
    'What',
    'Field',
    'Old',
    'New',
    'Request ID',
    'Client address',
  ];
}

/**
 * An item's activity log as CSV for an examiner, reading as the page does: one line per
 * changed field (an action without field changes gets one line), names instead of ids,
 * times (and changed times) as 2026-03-02 14:05:00 in the viewer's zone, formula cells
 * neutralised by csvDocument. Item is the item's number (INC-1042, TASK-2001), which joins
 * the incidents and tasks CSVs' Number, so several items' logs can be put side by side.
 * `labels` comes from getActivityLabels (or use activityCsv).
 */
export function activityToCsv(
  rows: ActivityRow[],
  viewerTimeZone: string,
  labels: ActivityLabels = NO_LABELS,
): string {
  const timeZone = isValidTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
  const options = { audience: 'log', formatInstant: formatCsvDateTime, clip: false } as const;
  const lines: string[][] = [];
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const item = labels.names.get(`${row.entityType}:${row.entityId}`) ?? row.entityId;
    // The stored label keeps the email beside the name: an examiner can tell two Danas apart.
    const who = row.actorLabel.startsWith('system:') ? actorName(row) : row.actorLabel;
    const base = [
      item,
      formatCsvDateTime(row.occurredAt, timeZone),
      who,
      describeAction(row, labels),
    ];
    const tail = [row.requestId ?? '', row.clientAddress ?? ''];
    const changes = describeChanges(row.changes, timeZone, labels.names, {
      ...options,
      stateLabels: stateLabelsFor(row.entityType),
    });
    if (!changes.length) lines.push([...base, '', '', '', ...tail]);
    for (const change of changes)
      lines.push([...base, change.label, change.old, change.new, ...tail]);
  }
  return csvDocument(activityCsvHeader(timeZone), lines);
}

/** The CSV with the people, teams, schedules and items its rows mention looked up in one query. */
export async function activityCsv(
  db: DbOrTx,
  rows: ActivityRow[],
  timeZone: string,
): Promise<string> {
  return activityToCsv(rows, timeZone, await getActivityLabels(db, rows));
}

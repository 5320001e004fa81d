import { TZDate } from '@date-fns/tz';
import { stringify } from 'csv-stringify/sync';
import { format } from 'date-fns';
import type { DbOrTx } from '@/db/client';
import type { ActivityRow } from '@/db/schema';
import { safeCell } from '@/lib/csv/safe-cell';
import { getActivityLabels, NO_LABELS, type ActivityLabels } from './activity-labels';
import { actorName, describeAction } from './action-words';
import { describeChanges, stateLabelsFor } from './describe-changes';

/** "2026-03-02 14:05": a local time a spreadsheet sorts; the header names the zone. */
export function localTime(value: Date | string, timeZone: string): string {
  return format(new TZDate(new Date(value).getTime(), timeZone), 'yyyy-MM-dd HH:mm');
}

/**
 * An item's activity log as CSV for an examiner, reading as the page does: one line per
 * changed field (an action without field changes gets one line), names instead of ids,
 * times in the viewer's zone, every cell neutralised against formula injection, with a
 * BOM so Excel reads UTF-8. `labels` comes from getActivityLabels (or use activityCsv).
 */
export function activityToCsv(
  rows: ActivityRow[],
  timeZone: string,
  labels: ActivityLabels = NO_LABELS,
): string {
  const header = [
    `Time (${timeZone})`,
    'Who',
    'What',
    'Field',
    'Old',
    'New',
    'Request ID',
    'Client address',
  ];
  const options = { audience: 'log', formatInstant: localTime, clip: false } as const;
  const lines: string[][] = [];
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    // The stored label keeps the email beside the name: an examiner can tell two Danas apart.
    const who = row.actorLabel.startsWith('system:') ? actorName(row) : row.actorLabel;
    const base = [localTime(row.occurredAt, timeZone), who, describeAction(row, labels)];
    const tail = [row.requestId ?? '', row.clientAddress ?? ''];
    const changes = describeChanges(row.changes, timeZone, labels.names, {
      ...options,
      stateLabels: stateLabelsFor(row.entityType),
    });
    if (!changes.length) lines.push([...base, '', '', '', ...tail]);
    for (const change of changes)
      lines.push([...base, change.label, change.old, change.new, ...tail]);
  }
  return '\uFEFF' + stringify([header, ...lines].map((line) => line.map(safeCell)));
}

/** The CSV with the people, teams, schedules and items its rows mention looked up in one query. */
export async function activityCsv(
  db: DbOrTx,
  rows: ActivityRow[],
  timeZone: string,
): Promise<string> {
  return activityToCsv(rows, timeZone, await getActivityLabels(db, rows));
}

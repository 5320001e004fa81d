import { stringify } from 'csv-stringify/sync';
import type { ActivityRow } from '@/db/schema';
import { safeCell } from '@/lib/csv/safe-cell';
import { isoInZone } from '@/lib/time/iso-in-zone';

const HEADER = ['Time', 'Actor', 'Action', 'Field', 'Old', 'New', 'Request ID', 'Client address'];

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * An item's activity log as CSV for an examiner: one line per changed field (an action
 * without field changes gets one line), times in the viewer's offset, every cell
 * neutralised against formula injection, with a BOM so Excel reads UTF-8.
 */
export function activityToCsv(rows: ActivityRow[], timeZone: string): string {
  const lines: string[][] = [];
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const base = [isoInZone(row.occurredAt, timeZone), row.actorLabel, row.action];
    const tail = [row.requestId ?? '', row.clientAddress ?? ''];
    const changes = Object.entries(row.changes);
    if (!changes.length) lines.push([...base, '', '', '', ...tail]);
    for (const [field, change] of changes) lines.push([...base, field, text(change.old), text(change.new), ...tail]);
  }
  return '\uFEFF' + stringify([HEADER, ...lines.map((line) => line.map(safeCell))]);
}

import type { ActivityRow } from '@/db/schema';
import { formatDateTime } from '@/lib/time/format';

function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Who did what when, with each changed field as old → new. */
export function ActivityList({ rows, timeZone }: { rows: ActivityRow[]; timeZone: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">Nothing has happened yet.</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {rows.map((row) => (
        <li key={row.id} className="py-2.5 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span>
              <span className="font-medium">{row.actorLabel.replace(/ <.*>$/, '')}</span>{' '}
              <code className="rounded bg-slate-100 px-1 text-xs">{row.action}</code>
            </span>
            <time dateTime={row.occurredAt.toISOString()} className="text-xs text-slate-500">
              {formatDateTime(row.occurredAt, timeZone)}
            </time>
          </div>
          {Object.keys(row.changes).length > 0 && (
            <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
              {Object.entries(row.changes).map(([field, change]) => (
                <li key={field}>
                  {field}: {describe(change.old)} → {describe(change.new)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

import type { ActivityRow } from '@/db/schema';
import { describeChanges } from '@/lib/activity/describe-changes';
import { TASK_STATE_LABELS } from '@/lib/tasks/schemas';
import { formatDateTime } from '@/lib/time/format';

/**
 * Who did what when, with each changed field as old → new in words. `owners` names the
 * owner ids the rows mention (ownerNames in lib/activity/describe-changes.ts).
 */
export function ActivityList({ rows, timeZone, owners }: { rows: ActivityRow[]; timeZone: string; owners: ReadonlyMap<string, string> }) {
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
              {describeChanges(row.changes, timeZone, owners, { audience: 'log', stateLabels: row.entityType === 'task' ? TASK_STATE_LABELS : undefined }).map((line) => (
                <li key={line.label} className="break-words">
                  {line.label}: {line.old} → {line.new}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

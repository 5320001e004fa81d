import Link from 'next/link';
import type { ActivityRow } from '@/db/schema';
import type { ActivityLabels } from '@/lib/activity/activity-labels';
import { actionParts, actorName, itemHref } from '@/lib/activity/action-words';
import { describeChanges, stateLabelsFor } from '@/lib/activity/describe-changes';
import { formatDateTime } from '@/lib/time/format';

/**
 * Who did what when, as a sentence ("Dana Reyes closed TASK-2001"), with each changed field
 * as old → new in words. `labels` names the ids the rows mention (getActivityLabels).
 */
export function ActivityList({
  rows,
  timeZone,
  labels,
}: {
  rows: ActivityRow[];
  timeZone: string;
  labels: ActivityLabels;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">Nothing has happened yet.</p>;
  return (
    <ol className="divide-y divide-slate-100">
      {rows.map((row) => {
        const [before, item, after] = actionParts(row, labels);
        const href = itemHref(row, labels);
        const changes = describeChanges(row.changes, timeZone, labels.names, {
          audience: 'log',
          stateLabels: stateLabelsFor(row.entityType),
        });
        return (
          <li key={row.id} className="py-2.5 text-sm" data-action={row.action}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span>
                <span className="font-medium">{actorName(row)}</span> {before}
                {item && href ? (
                  <Link href={href} className="font-medium text-brand-700 underline">
                    {item}
                  </Link>
                ) : (
                  item
                )}
                {after}
              </span>
              <time dateTime={row.occurredAt.toISOString()} className="text-xs text-slate-500">
                {formatDateTime(row.occurredAt, timeZone)}
              </time>
            </div>
            {changes.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                {changes.map((line) => (
                  <li key={line.label} className="break-words">
                    {line.label}: {line.old} → {line.new}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

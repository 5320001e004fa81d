import Link from 'next/link';
import type { ReactNode } from 'react';

import type { BoundedCount } from '@/lib/dashboard/get-my-work';
import { countWords } from './whose';

type Item = { id: string; number: number; title: string };

// What differs between the two halves, until the ticket descriptors (lib/tickets) say it.
const KINDS = {
  incident: { prefix: 'INC', path: '/incidents', noun: 'incident' },
  task: { prefix: 'TASK', path: '/tasks', noun: 'task' },
} as const;

/**
 * One half of "my work": a summary line, the items (number linked, title on at most two
 * lines, a detail line, a status on the right), an empty state, and a link to the full
 * list when there are more than shown.
 */
export function WorkList<T extends Item>(props: {
  kind: keyof typeof KINDS;
  rows: T[];
  open: BoundedCount;
  /** What needs attention, after the count: " · 2 overdue". */
  urgent: ReactNode;
  detail: (row: T) => ReactNode;
  status: (row: T) => ReactNode;
}) {
  const kind = KINDS[props.kind];
  return (
    <div data-testid={`my-${kind.noun}s`}>
      <p className="mb-3 text-sm text-slate-600">
        {countWords(props.open, kind.noun)}
        {props.urgent}
      </p>
      {props.rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500">
          No open {kind.noun}s are yours or your teams’.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {props.rows.map((row) => (
            <li
              key={row.id}
              className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm"
            >
              <span className="min-w-0 flex-1">
                <Link
                  href={`${kind.path}/${row.number}`}
                  className="font-medium text-brand-700 underline"
                >
                  {kind.prefix}-{row.number}
                </Link>{' '}
                <span className="line-clamp-2 block break-words">{row.title}</span>
                <span className="block text-xs text-slate-500">{props.detail(row)}</span>
              </span>
              {props.status(row)}
            </li>
          ))}
        </ul>
      )}
      {props.open.count > props.rows.length && (
        <Link
          href={`${kind.path}?owner=me`}
          className="mt-2 inline-block text-sm text-brand-700 underline"
        >
          All my {kind.noun}s
        </Link>
      )}
    </div>
  );
}

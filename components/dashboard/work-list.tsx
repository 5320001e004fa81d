import Link from 'next/link';
import type { ReactNode } from 'react';

type Item = { id: string; number: number; title: string };

/**
 * One half of "my work": a summary line, the items (number linked, title on at most two
 * lines, a detail line, a status on the right), an empty state, and a link to the full
 * list when there are more than shown.
 */
export function WorkList<T extends Item>(props: {
  testId: string;
  summary: ReactNode;
  rows: T[];
  total: number;
  prefix: string;
  path: string;
  empty: string;
  more: { href: string; label: string };
  detail: (row: T) => ReactNode;
  status: (row: T) => ReactNode;
}) {
  return (
    <div data-testid={props.testId}>
      <p className="mb-3 text-sm text-slate-600">{props.summary}</p>
      {props.rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500">{props.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {props.rows.map((row) => (
            <li key={row.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
              <span className="min-w-0 flex-1">
                <Link href={`${props.path}/${row.number}`} className="font-medium text-brand-700 underline">
                  {props.prefix}-{row.number}
                </Link>{' '}
                <span className="line-clamp-2 block break-words">{row.title}</span>
                <span className="block text-xs text-slate-500">{props.detail(row)}</span>
              </span>
              {props.status(row)}
            </li>
          ))}
        </ul>
      )}
      {props.total > props.rows.length && (
        <Link href={props.more.href} className="mt-2 inline-block text-sm text-brand-700 underline">
          {props.more.label}
        </Link>
      )}
    </div>
  );
}

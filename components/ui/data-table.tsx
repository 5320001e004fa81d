import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';
import { SelectAllCheckbox } from './select-all-checkbox';

// Every list in Vigil is this table: one padding, one header, one way to sort, select, fold and
// say "nothing here". It renders on the server (and inside client components alike); the only
// script is the select-all box.

export type Breakpoint = 'sm' | 'md' | 'lg' | 'xl' | '2xl';
export type SortDirection = 'asc' | 'desc';

// Literal class names, so Tailwind finds them in the source.
const HIDDEN_BELOW: Record<Breakpoint, string> = {
  sm: 'hidden sm:table-cell',
  md: 'hidden md:table-cell',
  lg: 'hidden lg:table-cell',
  xl: 'hidden xl:table-cell',
  '2xl': 'hidden 2xl:table-cell',
};
const SHOWN_BELOW: Record<Breakpoint, string> = {
  sm: 'sm:hidden',
  md: 'md:hidden',
  lg: 'lg:hidden',
  xl: 'xl:hidden',
  '2xl': '2xl:hidden',
};

export type Column<Row> = {
  key: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** The column that names the row (a title): takes the room left and is clamped to two lines. */
  primary?: boolean;
  /** A primary cell that opens in place (a description) is not clamped. */
  unclamped?: boolean;
  /** The list can sort by this column (its key is the sort key). */
  sortable?: boolean;
  /** Below this breakpoint the column is not shown... */
  hideBelow?: Breakpoint;
  /** ...and, when folded, its value moves under the primary cell instead of disappearing. */
  fold?: boolean;
  /** Short values (dates, numbers, badges) stay on one line. */
  nowrap?: boolean;
  /** The header is for screen readers only (an actions column). */
  srOnlyHeader?: boolean;
  className?: string;
};

export type TableSort = {
  key: string;
  direction: SortDirection;
  /** The list's URL sorted this way, keeping its other parameters and dropping the cursor. */
  href: (key: string, direction: SortDirection) => string;
  /** The direction of a column's first click (newest, most severe, soonest due); `asc` if absent. */
  firstDirection?: Record<string, SortDirection>;
};

export type TableSelection<Row> = {
  formId: string;
  name: string;
  value: (row: Row) => string;
  label: (row: Row) => string;
  selectAllLabel: string;
};

type Props<Row> = {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  sort?: TableSort;
  selection?: TableSelection<Row>;
  /** Shown instead of the rows when there are none. */
  empty?: ReactNode;
  /** Shown instead of the rows when they could not be loaded. */
  error?: ReactNode;
  rowClassName?: (row: Row) => string;
  /** Inside a card the table drops its own frame. */
  framed?: boolean;
  /** An accessible name other than the caption (tests and landmarks refer to it). */
  label?: string;
};

const CELL = 'px-3 py-2.5';

function SortLink({ column, sort }: { column: { key: string; header: string }; sort: TableSort }) {
  const active = sort.key === column.key;
  const first = sort.firstDirection?.[column.key] ?? 'asc';
  const next = active ? (sort.direction === 'asc' ? 'desc' : 'asc') : first;
  return (
    <Link
      href={sort.href(column.key, next)}
      className="inline-flex items-center gap-1 hover:text-slate-900"
    >
      {column.header}
      <span aria-hidden="true">{active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
      <span className="sr-only">
        {active
          ? `, sorted ${sort.direction === 'asc' ? 'ascending' : 'descending'}; activate to reverse`
          : ', activate to sort'}
      </span>
    </Link>
  );
}

function ariaSort(column: Column<unknown>, sort?: TableSort) {
  if (!column.sortable || !sort) return undefined;
  if (sort.key !== column.key) return 'none' as const;
  return sort.direction === 'asc' ? ('ascending' as const) : ('descending' as const);
}

function Folded<Row>({ columns, row }: { columns: Column<Row>[]; row: Row }) {
  if (!columns.length) return null;
  return (
    <dl className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
      {columns.map((column) => (
        <div key={column.key} className={SHOWN_BELOW[column.hideBelow!]}>
          <dt className="inline">{column.header} </dt>
          <dd className="inline">{column.cell(row)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  selection,
  empty,
  error,
  rowClassName,
  framed = true,
  label,
}: Props<Row>) {
  const frame = framed ? 'rounded-lg border border-slate-200 bg-white' : '';
  if (error) {
    return (
      <div className={`${frame} px-6 py-8 text-center text-sm text-red-800`} role="alert">
        {error}
      </div>
    );
  }
  if (rows.length === 0) {
    return (
      <div className={frame}>
        {typeof empty === 'string' || !empty ? (
          <EmptyState title={String(empty ?? 'Nothing here yet.')} />
        ) : (
          empty
        )}
      </div>
    );
  }
  const folded = columns.filter((c) => c.fold && c.hideBelow);
  return (
    // A page's list scrolls sideways only on small screens: from lg up its columns fit
    // (secondary ones fold), and without an overflow box the sticky header sticks to the page,
    // not to this box. A table in a card (unframed) may be narrower than any breakpoint says,
    // so it always scrolls inside its card rather than running under what stands beside it.
    <div className={`${frame} overflow-x-auto ${framed ? 'lg:overflow-x-visible' : ''}`}>
      <table className="w-full text-left text-sm" aria-label={label}>
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {selection && (
              <th
                scope="col"
                className={`${CELL} sticky top-0 z-10 w-8 bg-slate-50 shadow-[inset_0_-1px_0_var(--color-slate-200)]`}
              >
                <SelectAllCheckbox
                  formId={selection.formId}
                  name={selection.name}
                  label={selection.selectAllLabel}
                />
              </th>
            )}
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={ariaSort(column as Column<unknown>, sort)}
                className={`${CELL} sticky top-0 z-10 bg-slate-50 whitespace-nowrap shadow-[inset_0_-1px_0_var(--color-slate-200)] ${column.hideBelow ? HIDDEN_BELOW[column.hideBelow] : ''}`}
              >
                {column.srOnlyHeader ? (
                  <span className="sr-only">{column.header}</span>
                ) : column.sortable && sort ? (
                  <SortLink column={column} sort={sort} />
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className={`align-top ${rowClassName?.(row) ?? ''}`}>
              {selection && (
                <td className={CELL}>
                  <input
                    type="checkbox"
                    name={selection.name}
                    value={selection.value(row)}
                    form={selection.formId}
                    aria-label={selection.label(row)}
                  />
                </td>
              )}
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={[
                    CELL,
                    column.primary ? 'w-full min-w-48' : '',
                    column.nowrap ? 'whitespace-nowrap' : '',
                    column.hideBelow ? HIDDEN_BELOW[column.hideBelow] : '',
                    column.className ?? '',
                  ].join(' ')}
                >
                  {column.primary ? (
                    <>
                      {/* Long titles (and unbroken strings like URLs) never widen the table. */}
                      <div
                        className={`wrap-anywhere ${column.unclamped ? '' : 'line-clamp-2'}`}
                        data-table-primary=""
                      >
                        {column.cell(row)}
                      </div>
                      <Folded columns={folded} row={row} />
                    </>
                  ) : (
                    column.cell(row)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The loading state of a list route (`loading.tsx`): the table's frame with grey bars. */
export function DataTableSkeleton({
  columns = 5,
  rows = 8,
  label = 'Loading',
}: {
  columns?: number;
  rows?: number;
  label?: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white" role="status" aria-label={label}>
      <div className="flex gap-4 border-b border-slate-200 bg-slate-50 px-3 py-3">
        {Array.from({ length: columns }, (_, i) => (
          <div key={i} className="h-3 flex-1 animate-pulse rounded bg-slate-200" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-4 border-b border-slate-100 px-3 py-3.5 last:border-0">
          {Array.from({ length: columns }, (_, i) => (
            <div
              key={i}
              className={`h-3 animate-pulse rounded bg-slate-100 ${i === 1 ? 'flex-[3]' : 'flex-1'}`}
            />
          ))}
        </div>
      ))}
      <span className="sr-only">{label}…</span>
    </div>
  );
}

/**
 * A list route's whole `loading.tsx`: the page title's place and the table's. Only for routes
 * every signed-in role may open: a loading boundary streams the 200 status before the page
 * can answer 403 (Users and Outbox therefore have none).
 */
export function ListPageSkeleton({ columns, label }: { columns: number; label: string }) {
  return (
    <>
      <div className="mb-6 border-b border-slate-200 pb-4">
        <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      </div>
      <DataTableSkeleton columns={columns} label={label} />
    </>
  );
}

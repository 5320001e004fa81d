import Link from 'next/link';
import type { Column, SortDirection, TableSort } from './data-table';
import { rowOwnerLabel, UNASSIGNED } from '@/lib/owners/owner-label';

// Columns that several lists share, written once.

/** The row's number as a link to it ("INC-12", "TASK-7"): never wraps. */
export function numberColumn<Row>(
  header: string,
  href: (row: Row) => string,
  label: (row: Row) => string,
): Column<Row> {
  return {
    key: 'number',
    header,
    nowrap: true,
    cell: (row) => (
      <Link href={href(row)} className="font-medium text-brand-700 hover:underline">
        {label(row)}
      </Link>
    ),
  };
}

/** The title: the primary column, two lines at most, the whole text on hover. */
export function titleColumn<Row>(title: (row: Row) => string): Column<Row> {
  return {
    key: 'title',
    header: 'Title',
    primary: true,
    cell: (row) => <span title={title(row)}>{title(row)}</span>,
  };
}

/** An owner that is a person or a team; folds under the title on narrow screens. */
export function ownerColumn<
  Row extends { ownerName: string | null; ownerTeamId: string | null },
>(): Column<Row> {
  return {
    key: 'owner',
    header: 'Owner',
    hideBelow: 'lg',
    fold: true,
    className: 'max-w-40',
    cell: (row) =>
      row.ownerName ? rowOwnerLabel(row) : <span className="text-slate-500">{UNASSIGNED}</span>,
  };
}

/**
 * The sort of a list whose URL one serializer writes: a header link is that URL with the new
 * sort, every filter kept and the cursor dropped (a page position belongs to one sort).
 */
export function urlSort<Key extends string>(
  path: string,
  current: { key: Key; direction: SortDirection },
  firstDirection: Record<Key, SortDirection>,
  serialize: (sort: { key: Key; direction: SortDirection }) => URLSearchParams,
): TableSort {
  return {
    ...current,
    firstDirection,
    href: (key, direction) => {
      const query = serialize({ key: key as Key, direction });
      return `${path}${query.size ? `?${query}` : ''}`;
    },
  };
}

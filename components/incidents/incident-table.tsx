import { NoticeClockBadge } from '@/components/notice-clocks/notice-clock-badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import {
  numberColumn,
  ownerColumn,
  titleColumn,
  urlSort,
} from '@/components/ui/data-table-columns';
import { getDb } from '@/db/client';
import type { IncidentListRow } from '@/lib/incidents/get-incidents';
import {
  serializeIncidentListParams,
  type IncidentListParams,
  type IncidentSortKey,
} from '@/lib/incidents/list-params';
import { incidentNumberLabel, STATE_LABELS } from '@/lib/incidents/schemas';
import {
  getRunningNoticeClocksFor,
  type RunningNoticeClock,
} from '@/lib/notice-clocks/incident-clocks';
import { formatDateTime } from '@/lib/time/format';
import { BULK_FORM_ID } from './bulk-form-id';
import { ResponseClockLabel } from './response-clock-label';
import { SeverityBadge } from './severity-badge';

// Sorting is a link: the first click sorts the way people usually want that column
// (newest, most severe, soonest due), the next click reverses it.
const FIRST_DIRECTION: Record<IncidentSortKey, 'asc' | 'desc'> = {
  created: 'desc',
  updated: 'desc',
  severity: 'desc',
  due: 'asc',
};

function columns(
  timeZone: string,
  now: Date,
  noticeClocks: Map<string, RunningNoticeClock[]>,
): Column<IncidentListRow>[] {
  return [
    numberColumn(
      'Number',
      (row) => `/incidents/${row.number}`,
      (row) => incidentNumberLabel(row.number),
    ),
    titleColumn((row) => row.title),
    {
      key: 'state',
      header: 'State',
      nowrap: true,
      hideBelow: 'md',
      fold: true,
      cell: (row) => STATE_LABELS[row.state],
    },
    {
      key: 'severity',
      header: 'Severity',
      sortable: true,
      nowrap: true,
      cell: (row) => <SeverityBadge severity={row.severity} />,
    },
    ownerColumn(),
    {
      key: 'response',
      header: 'Response',
      nowrap: true,
      hideBelow: 'md',
      fold: true,
      cell: (row) => <ResponseClockLabel incident={row} now={now} />,
    },
    // A running regulator notification clock: the soonest deadline, the badge says the rest.
    {
      key: 'notice',
      header: 'Notice',
      nowrap: true,
      fold: true,
      cell: (row) => {
        const clock = noticeClocks.get(row.id)?.[0];
        return clock ? (
          <span title={clock.ruleName}>
            <NoticeClockBadge clock={{ ...clock, notifiedAt: null }} now={now} />
          </span>
        ) : null;
      },
    },
    {
      key: 'due',
      header: 'Due',
      sortable: true,
      nowrap: true,
      hideBelow: 'sm',
      fold: true,
      cell: (row) => formatDateTime(row.dueAt, timeZone),
    },
    // At laptop widths the two timestamps read under the title instead of costing two columns.
    {
      key: 'created',
      header: 'Created',
      sortable: true,
      nowrap: true,
      hideBelow: '2xl',
      fold: true,
      cell: (row) => formatDateTime(row.createdAt, timeZone),
    },
    {
      key: 'updated',
      header: 'Updated',
      sortable: true,
      nowrap: true,
      hideBelow: '2xl',
      fold: true,
      cell: (row) => formatDateTime(row.updatedAt, timeZone),
    },
  ];
}

export async function IncidentTable({
  rows,
  params,
  timeZone,
  selectable,
  caption,
}: {
  rows: IncidentListRow[];
  params: IncidentListParams;
  timeZone: string;
  selectable: boolean;
  caption: string;
}) {
  // One query for the page's rows, not one per row.
  const noticeClocks = await getRunningNoticeClocksFor(
    getDb(),
    rows.map((row) => row.id),
  );
  return (
    <DataTable
      caption={caption}
      columns={columns(timeZone, new Date(), noticeClocks)}
      rows={rows}
      rowKey={(row) => row.id}
      empty="No incidents match these filters."
      sort={urlSort('/incidents', params.sort, FIRST_DIRECTION, (sort) =>
        serializeIncidentListParams({ ...params, sort, cursor: undefined }),
      )}
      selection={
        selectable
          ? {
              formId: BULK_FORM_ID,
              name: 'ids',
              value: (row) => row.id,
              label: (row) => `Select ${incidentNumberLabel(row.number)}`,
              selectAllLabel: 'Select every incident on this page',
            }
          : undefined
      }
    />
  );
}

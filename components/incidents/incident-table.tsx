import Link from 'next/link';
import type { IncidentListRow } from '@/lib/incidents/get-incidents';
import { serializeIncidentListParams, type IncidentListParams, type IncidentSortKey } from '@/lib/incidents/list-params';
import { incidentNumberLabel, STATE_LABELS } from '@/lib/incidents/schemas';
import { formatDateTime } from '@/lib/time/format';
import { SelectPageCheckbox } from './bulk-close-panel';
import { BULK_FORM_ID } from './bulk-form-id';
import { ResponseClockLabel } from './response-clock-label';
import { SeverityBadge } from './severity-badge';
import { rowOwnerLabel, UNASSIGNED } from '@/lib/owners/owner-label';

// Sorting is a link: the first click sorts the way people usually want that column
// (newest, most severe, soonest due), the next click reverses it.
const FIRST_DIRECTION: Record<IncidentSortKey, 'asc' | 'desc'> = { created: 'desc', updated: 'desc', severity: 'desc', due: 'asc' };

function SortHeader({ label, sortKey, params }: { label: string; sortKey: IncidentSortKey; params: IncidentListParams }) {
  const active = params.sort.key === sortKey;
  const direction = active ? (params.sort.direction === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[sortKey];
  const query = serializeIncidentListParams({ ...params, sort: { key: sortKey, direction }, cursor: undefined });
  const href = `/incidents${query.size ? `?${query}` : ''}`;
  return (
    <th scope="col" className="px-3 py-3" aria-sort={active ? (params.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <Link href={href} className="inline-flex items-center gap-1 hover:text-slate-900">
        {label}
        <span aria-hidden="true">{active ? (params.sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
        <span className="sr-only">{active ? `, sorted ${params.sort.direction === 'asc' ? 'ascending' : 'descending'}; activate to reverse` : ', activate to sort'}</span>
      </Link>
    </th>
  );
}

export function IncidentTable({
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
  const now = new Date();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {selectable && (
              <th scope="col" className="px-3 py-3">
                <SelectPageCheckbox />
              </th>
            )}
            <th scope="col" className="px-3 py-3">Number</th>
            <th scope="col" className="px-3 py-3">Title</th>
            <th scope="col" className="px-3 py-3">State</th>
            <SortHeader label="Severity" sortKey="severity" params={params} />
            <th scope="col" className="px-3 py-3">Owner</th>
            <th scope="col" className="px-3 py-3">Response</th>
            <SortHeader label="Due" sortKey="due" params={params} />
            <SortHeader label="Created" sortKey="created" params={params} />
            <SortHeader label="Updated" sortKey="updated" params={params} />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const label = incidentNumberLabel(row.number);
            return (
              <tr key={row.id} className="align-top">
                {selectable && (
                  <td className="px-3 py-3">
                    <input type="checkbox" name="ids" value={row.id} form={BULK_FORM_ID} aria-label={`Select ${label}`} />
                  </td>
                )}
                <td className="px-3 py-3 font-medium whitespace-nowrap">
                  <Link href={`/incidents/${row.number}`} className="text-brand-700 hover:underline">
                    {label}
                  </Link>
                </td>
                <td className="max-w-md px-3 py-3 break-words">{row.title}</td>
                <td className="px-3 py-3 whitespace-nowrap">{STATE_LABELS[row.state]}</td>
                <td className="px-3 py-3">
                  <SeverityBadge severity={row.severity} />
                </td>
                <td className="px-3 py-3">{row.ownerName ? rowOwnerLabel(row) : <span className="text-slate-500">{UNASSIGNED}</span>}</td>
                <td className="px-3 py-3 whitespace-nowrap">
                  <ResponseClockLabel incident={row} now={now} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap">{formatDateTime(row.dueAt, timeZone)}</td>
                <td className="px-3 py-3 whitespace-nowrap">{formatDateTime(row.createdAt, timeZone)}</td>
                <td className="px-3 py-3 whitespace-nowrap">{formatDateTime(row.updatedAt, timeZone)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import { UnreadableFilters } from '@/components/list/unreadable-filters';
import type { Metadata } from 'next';
import { BulkCloseBar } from '@/components/incidents/bulk-close-panel';
import { IncidentFilters } from '@/components/incidents/incident-filters';
import { IncidentTable } from '@/components/incidents/incident-table';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { BULK_CLOSE_LIMIT } from '@/lib/incidents/close-incidents';
import { countIncidents, getIncidentPage } from '@/lib/incidents/get-incidents';
import {
  parseIncidentListParams,
  serializeIncidentListParams,
  type IncidentListParams,
} from '@/lib/incidents/list-params';
import { getPolicyFilterOptions } from '@/lib/list/policy-filter';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { getTeams } from '@/lib/teams/teams';
import { getUsers } from '@/lib/users/get-users';

export const metadata: Metadata = { title: 'Incidents' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function toUrlSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(raw))
    for (const v of [value ?? []].flat()) out.append(key, v);
  return out;
}

function CloudIcon() {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M12 13v8m-4-4 4 4 4-4" />
      <path d="M20.39 18.39A5 5 0 0 0 18 9h-1.26A8 8 0 1 0 3 16.3" />
    </svg>
  );
}

export default async function IncidentsPage({ searchParams }: { searchParams: SearchParams }) {
  const { user, actor } = await requirePermission('tickets.view');
  const db = getDb();
  const viewer = await getListViewer(db, user);
  const canWork = can(actor, 'tickets.work');
  const canExport = can(actor, 'tickets.export');
  const canBulkClose = can(actor, 'incidents.bulk-close');

  let params: IncidentListParams;
  try {
    params = parseIncidentListParams(toUrlSearchParams(await searchParams), viewer);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <UnreadableFilters
        title="Incidents"
        fieldErrors={error.fieldErrors}
        resetHref="/incidents"
        resetLabel="Show open incidents"
      />
    );
  }

  const [page, total, people, teams, policyOptions] = await Promise.all([
    getIncidentPage(db, params),
    countIncidents(db, params),
    getUsers(db),
    getTeams(db),
    getPolicyFilterOptions(db),
  ]);
  const filterQuery = serializeIncidentListParams(params, { cursor: false }).toString();
  const pageHref = (cursor: string) => {
    const query = serializeIncidentListParams({ ...params, cursor: undefined }, { cursor: false });
    query.set('cursor', cursor);
    return `/incidents?${query}`;
  };
  const countText = `${total.count.toLocaleString('en-US')}${total.capped ? '+' : ''} matching`;

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Suspicious activity that needs research and maybe action, worked from Triage to Closed."
        actions={
          <>
            {canExport && (
              <LinkButton
                href={`/incidents/export.csv${filterQuery ? `?${filterQuery}` : ''}`}
                download
              >
                <CloudIcon />
                Export CSV
              </LinkButton>
            )}
            {canWork && (
              <LinkButton href="/incidents/new" variant="primary">
                New incident
              </LinkButton>
            )}
          </>
        }
      />
      <IncidentFilters
        params={params}
        people={people.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name }))}
        teams={teams.map((t) => ({ id: t.id, name: t.name }))}
        policyOptions={policyOptions}
      />
      <p className="mb-2 text-sm text-slate-700" role="status" data-testid="incident-count">
        {countText}
      </p>
      <IncidentTable
        rows={page.rows}
        params={params}
        timeZone={user.timeZone}
        selectable={canBulkClose}
        caption={`Incidents, ${countText}, in ${user.timeZone} time`}
      />
      {/* After the table: once rows are ticked it floats at the bottom of the window while the list scrolls. */}
      {canBulkClose && (
        <BulkCloseBar
          filter={filterQuery}
          matchCount={total.count}
          capped={total.capped}
          limit={BULK_CLOSE_LIMIT}
        />
      )}
      <Pagination
        prevHref={page.prevCursor && pageHref(page.prevCursor)}
        nextHref={page.nextCursor && pageHref(page.nextCursor)}
      />
    </>
  );
}

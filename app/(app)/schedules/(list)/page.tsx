import { UnreadableFilters } from '@/components/list/unreadable-filters';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PolicyFilterFields } from '@/components/list/policy-filter-fields';
import { ScheduleTable } from '@/components/schedules/schedule-table';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { inputClass } from '@/components/ui/field';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getDb } from '@/db/client';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getFallbackOwner } from '@/lib/organization/fallback-owner';
import { getPickerOptions } from '@/lib/pickers';
import { getScheduleFacets, getSchedules } from '@/lib/schedules/get-schedules';
import {
  parseScheduleListParams,
  scheduleListQuery,
  type ScheduleListParams,
} from '@/lib/schedules/list-params';
import { ValidationError } from '@/lib/errors';
import { getPolicyFilterOptions } from '@/lib/list/policy-filter';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { teamLabel } from '@/lib/owners/owner-label';

export const metadata: Metadata = { title: 'Task Schedules' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SchedulesPage({ searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const db = getDb();
  let params: ScheduleListParams;
  try {
    params = parseScheduleListParams(await searchParams, await getListViewer(db, user));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <UnreadableFilters
        title="Task Schedules"
        fieldErrors={error.fieldErrors}
        resetHref="/schedules"
        resetLabel="Show every schedule"
      />
    );
  }
  const [page, facets, options, policyOptions] = await Promise.all([
    getSchedules(db, params),
    getScheduleFacets(db),
    getPickerOptions(db),
    getPolicyFilterOptions(db),
  ]);
  const canManage = roleCan(user.role, 'schedules.manage');
  // One answer for every row whose owner is deactivated: their tasks all go to the same fallback.
  const fallback = page.rows.some((r) => r.ownerActive === false)
    ? await getFallbackOwner(db)
    : null;
  const { cursor: _cursor, ...filters } = params;

  return (
    <>
      <PageHeader
        title="Task Schedules"
        description="Recurring duties: each occurrence creates a task, exactly once, in the schedule's time zone."
        actions={
          <>
            <LinkButton href={`/schedules/export.csv${scheduleListQuery(filters)}`} download>
              Export CSV
            </LinkButton>
            {canManage && (
              <LinkButton href="/schedules/new" variant="primary">
                New schedule
              </LinkButton>
            )}
          </>
        }
      />
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-6"
        aria-label="Filters"
      >
        <label className="text-sm sm:col-span-2">
          <span className="mb-1 block font-medium text-slate-700">Name</span>
          <input
            name="name"
            defaultValue={params.name}
            className={inputClass}
            placeholder="Contains…"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={params.status} className={inputClass}>
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="paused">Paused</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Owner</span>
          <select name="owner" defaultValue={params.owner ?? ''} className={inputClass}>
            <option value="">Anyone</option>
            <option value="my-teams">Me and my teams</option>
            {options.teams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                {teamLabel(t.name)}
              </option>
            ))}
            {options.people.map((p) => (
              <option key={p.id} value={`user:${p.id}`}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Tag</span>
          <select name="tag" defaultValue={params.tag ?? ''} className={inputClass}>
            <option value="">Any</option>
            {facets.tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Group</span>
          <select name="group" defaultValue={params.group ?? ''} className={inputClass}>
            <option value="">Any</option>
            {facets.groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <PolicyFilterFields filter={params.policy} options={policyOptions} />
        <div className="flex items-end gap-2 sm:col-span-6">
          <Button type="submit">Filter</Button>
          <Link href="/schedules" className="text-sm text-brand-700 underline">
            Clear
          </Link>
        </div>
      </form>
      <ScheduleTable
        rows={page.rows}
        fallbackLabel={fallback?.label ?? 'nobody (unassigned)'}
        empty={
          <EmptyState title="No task schedules match.">
            Copy reviews from the{' '}
            <Link href="/library" className="text-brand-700 underline">
              Library
            </Link>
            {canManage ? ' or create your own.' : '.'}
          </EmptyState>
        }
      />
      {/* Schedules page forwards only (by name); "First" brings you back to the start. */}
      <Pagination
        firstHref={params.cursor ? `/schedules${scheduleListQuery(filters)}` : null}
        nextHref={
          page.nextCursor &&
          `/schedules${scheduleListQuery({ ...filters, cursor: page.nextCursor })}`
        }
      />
    </>
  );
}

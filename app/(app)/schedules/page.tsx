import type { Metadata } from 'next';
import Link from 'next/link';
import { OwnerFallbackBadge } from '@/components/schedules/owner-fallback-notice';
import { Badge } from '@/components/ui/badge';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getFallbackOwner } from '@/lib/organization/fallback-owner';
import { getPickerOptions } from '@/lib/pickers';
import { getScheduleFacets, getSchedules } from '@/lib/schedules/get-schedules';
import { parseScheduleListParams, scheduleListQuery } from '@/lib/schedules/list-params';
import { teamLabel, UNASSIGNED } from '@/lib/owners/owner-label';

export const metadata: Metadata = { title: 'Task Schedules' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SchedulesPage({ searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const params = parseScheduleListParams(await searchParams);
  const db = getDb();
  const [page, facets, options] = await Promise.all([getSchedules(db, params), getScheduleFacets(db), getPickerOptions(db)]);
  const canManage = roleCan(user.role, 'schedules.manage');
  // One answer for every row whose owner is deactivated: their tasks all go to the same fallback.
  const fallback = page.rows.some((r) => r.ownerActive === false) ? await getFallbackOwner(db) : null;
  const { cursor: _cursor, ...filters } = params;

  return (
    <>
      <PageHeader
        title="Task Schedules"
        description="Recurring duties: each occurrence creates a task, exactly once, in the schedule's time zone."
        actions={
          <>
            <a href={`/schedules/export.csv${scheduleListQuery(filters)}`} className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-100" download>
              Export CSV
            </a>
            {canManage && (
              <Link href="/schedules/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
                New schedule
              </Link>
            )}
          </>
        }
      />
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-6" aria-label="Filters">
        <label className="text-sm sm:col-span-2">
          <span className="mb-1 block font-medium text-slate-700">Name</span>
          <input name="name" defaultValue={params.name} className={inputClass} placeholder="Contains…" />
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
        <div className="flex items-end gap-2 sm:col-span-6">
          <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Filter
          </button>
          <Link href="/schedules" className="text-sm text-brand-700 underline">
            Clear
          </Link>
        </div>
      </form>
      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          No task schedules match. Copy reviews from the <Link href="/library" className="text-brand-700 underline">Library</Link>
          {canManage ? ' or create your own.' : '.'}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Recurrence</th>
                <th className="px-4 py-2">Due in</th>
                <th className="px-4 py-2">Owner</th>
                <th className="px-4 py-2">Tags</th>
                <th className="px-4 py-2">Group</th>
                <th className="px-4 py-2">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-2">
                    <Link href={`/schedules/${row.id}`} className="font-medium text-brand-700 underline">
                      {row.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-slate-700">{row.recurrenceText}</td>
                  <td className="px-4 py-2">{row.dueInDays} days</td>
                  <td className="px-4 py-2">
                    {row.ownerName ?? UNASSIGNED}
                    {row.ownerActive === false && (
                      <span className="mt-1 block">
                        <OwnerFallbackBadge tasksGoTo={fallback?.label ?? 'nobody (unassigned)'} />
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-2">
                    <span className="flex flex-wrap gap-1">
                      {row.tags.map((t) => (
                        <Badge key={t}>{t}</Badge>
                      ))}
                    </span>
                  </td>
                  <td className="px-4 py-2">{row.groupName || '—'}</td>
                  <td className="px-4 py-2">{row.active ? <Badge tone="green">Active</Badge> : <Badge tone="amber">Paused</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <p className="mt-4">
          <Link href={`/schedules${scheduleListQuery({ ...filters, cursor: page.nextCursor })}`} className="text-sm text-brand-700 underline">
            Next page
          </Link>
        </p>
      )}
    </>
  );
}

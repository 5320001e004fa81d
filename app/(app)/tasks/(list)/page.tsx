import type { Metadata } from 'next';
import Link from 'next/link';
import { PolicyFilterFields } from '@/components/list/policy-filter-fields';
import { TaskTable } from '@/components/tasks/task-table';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getDb } from '@/db/client';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { getPolicyFilterOptions } from '@/lib/list/policy-filter';
import { ownerToken } from '@/lib/list/sql-conditions';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { getPickerOptions } from '@/lib/pickers';
import { countTasks, getTaskPage } from '@/lib/tasks/get-tasks';
import {
  DEFAULT_TASK_SORT,
  parseTaskListParams,
  serializeTaskListParams,
  taskSortToken,
  type TaskListParams,
} from '@/lib/tasks/list-params';
import { teamLabel } from '@/lib/owners/owner-label';

export const metadata: Metadata = { title: 'Tasks' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(raw))
    for (const v of [value ?? []].flat()) out.append(key, v);
  return out;
}

export default async function TasksPage({ searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const db = getDb();
  const viewer = await getListViewer(db, user);
  const query = toSearchParams(await searchParams);
  let params: TaskListParams;
  let problem: string | undefined;
  try {
    params = parseTaskListParams(query, viewer);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problem = Object.values(error.fieldErrors).join(' ');
    params = parseTaskListParams(new URLSearchParams(), viewer);
  }
  const [page, total, options, policyOptions] = await Promise.all([
    getTaskPage(db, params),
    countTasks(db, params),
    getPickerOptions(db),
    getPolicyFilterOptions(db),
  ]);
  const tz = user.timeZone;
  const filterQuery = serializeTaskListParams(params, { cursor: false });
  const withCursor = (cursor: string) => {
    const next = new URLSearchParams(filterQuery);
    next.set('cursor', cursor);
    return `/tasks?${next}`;
  };
  const ownerValue = params.owner ? ownerToken(params.owner) : '';
  const stateValue = params.allStates ? 'all' : params.states.join(',');
  const countText = `${total.count.toLocaleString('en-US')}${total.capped ? '+' : ''} ${total.count === 1 ? 'task' : 'tasks'}`;

  return (
    <>
      <PageHeader
        title="Tasks"
        description="One-time actions with an owner and a due date. Tasks are never deleted: they end Closed or Invalid."
        actions={
          <div className="flex gap-3">
            <LinkButton href={`/tasks/export.csv?${filterQuery}`} download>
              Export CSV
            </LinkButton>
            {roleCan(user.role, 'tickets.work') && (
              <LinkButton href="/tasks/new" variant="primary">
                New task
              </LinkButton>
            )}
          </div>
        }
      />
      {problem && (
        <div className="mb-4">
          <Alert tone="error">{problem} Showing open tasks instead.</Alert>
        </div>
      )}
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4 lg:grid-cols-8"
        aria-label="Filter tasks"
      >
        <label className="flex flex-col gap-1">
          State
          <select name="state" defaultValue={stateValue} className={inputClass}>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
            <option value="invalid">Invalid</option>
            <option value="closed,invalid">Closed or invalid</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Owner
          <select name="owner" defaultValue={ownerValue} className={inputClass}>
            <option value="">Anyone</option>
            <option value="me">Me (and my teams)</option>
            <option value="my-teams">My teams (and me)</option>
            <option value="unassigned">Unassigned</option>
            {options.people.map((p) => (
              <option key={p.id} value={`user:${p.id}`}>
                {p.name}
              </option>
            ))}
            {options.teams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                {teamLabel(t.name)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Due from
          <input
            type="date"
            name="dueFrom"
            defaultValue={params.due.from?.text}
            className={inputClass}
          />
        </label>
        <label className="flex flex-col gap-1">
          Due to
          <input
            type="date"
            name="dueTo"
            defaultValue={params.due.to?.text}
            className={inputClass}
          />
        </label>
        <label className="flex flex-col gap-1">
          Tag
          <input name="tag" defaultValue={params.tags.join(',')} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1">
          Title
          <input name="q" defaultValue={params.q} className={inputClass} />
        </label>
        <PolicyFilterFields filter={params.policy} options={policyOptions} />
        <label className="flex items-center gap-2 self-end pb-2">
          <input type="checkbox" name="overdue" value="true" defaultChecked={params.overdue} />{' '}
          Overdue only
        </label>
        {params.scheduleId && <input type="hidden" name="schedule" value={params.scheduleId} />}
        {/* Filtering keeps the sort the column headers chose. */}
        {taskSortToken(params.sort) !== taskSortToken(DEFAULT_TASK_SORT) && (
          <input type="hidden" name="sort" value={taskSortToken(params.sort)} />
        )}
        <div className="flex items-end gap-2">
          <Button type="submit">Filter</Button>
          <Link href="/tasks" className="py-2 text-brand-700 underline">
            Reset
          </Link>
        </div>
      </form>
      <p className="mb-2 text-sm text-slate-600" role="status">
        {countText}
      </p>
      <TaskTable
        rows={page.rows}
        params={params}
        timeZone={tz}
        caption={`Tasks, ${countText}, in ${tz} time`}
      />
      <Pagination
        prevHref={page.prevCursor && withCursor(page.prevCursor)}
        nextHref={page.nextCursor && withCursor(page.nextCursor)}
      />
    </>
  );
}

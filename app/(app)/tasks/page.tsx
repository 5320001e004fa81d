import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { getPickerOptions } from '@/lib/pickers';
import { countTasks, getTaskPage } from '@/lib/tasks/get-tasks';
import { parseTaskListParams, serializeTaskListParams, type TaskListParams } from '@/lib/tasks/list-params';
import { TASK_STATE_LABELS, taskNumberLabel } from '@/lib/tasks/schemas';
import { formatDateTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'Tasks' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of [value ?? []].flat()) out.append(key, v);
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
  const [page, total, options] = await Promise.all([getTaskPage(db, params), countTasks(db, params), getPickerOptions(db)]);
  const tz = user.timeZone;
  const filterQuery = serializeTaskListParams(params, { cursor: false });
  const withCursor = (cursor: string) => {
    const next = new URLSearchParams(filterQuery);
    next.set('cursor', cursor);
    return `/tasks?${next}`;
  };
  const ownerValue = params.owner ? (params.owner.kind === 'me' || params.owner.kind === 'unassigned' ? params.owner.kind : `${params.owner.kind}:${params.owner.id}`) : '';
  const stateValue = params.allStates ? 'all' : params.states.join(',');

  return (
    <>
      <PageHeader
        title="Tasks"
        description="One-time actions with an owner and a due date. Tasks are never deleted: they end Closed or Invalid."
        actions={
          <div className="flex gap-3">
            <a href={`/tasks/export.csv?${filterQuery}`} className="rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-slate-100" download>
              Export CSV
            </a>
            {roleCan(user.role, 'tickets.work') && (
              <Link href="/tasks/new" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
                New task
              </Link>
            )}
          </div>
        }
      />
      {problem && (
        <div className="mb-4">
          <Alert tone="error">{problem} Showing open tasks instead.</Alert>
        </div>
      )}
      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4 lg:grid-cols-8" aria-label="Filter tasks">
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
            <option value="unassigned">Unassigned</option>
            {options.people.map((p) => (
              <option key={p.id} value={`user:${p.id}`}>
                {p.name}
              </option>
            ))}
            {options.teams.map((t) => (
              <option key={t.id} value={`team:${t.id}`}>
                {t.name} (team)
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Due from
          <input type="date" name="dueFrom" defaultValue={params.due.from?.text} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1">
          Due to
          <input type="date" name="dueTo" defaultValue={params.due.to?.text} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1">
          Tag
          <input name="tag" defaultValue={params.tags.join(',')} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1">
          Title
          <input name="q" defaultValue={params.q} className={inputClass} />
        </label>
        <label className="flex items-center gap-2 self-end pb-2">
          <input type="checkbox" name="overdue" value="true" defaultChecked={params.overdue} /> Overdue only
        </label>
        {params.scheduleId && <input type="hidden" name="schedule" value={params.scheduleId} />}
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 font-medium text-white hover:bg-brand-700">
            Filter
          </button>
          <Link href="/tasks" className="py-2 text-brand-700 underline">
            Reset
          </Link>
        </div>
      </form>
      <p className="mb-2 text-sm text-slate-600">
        {total.capped ? `${total.count.toLocaleString('en-US')}+` : total.count.toLocaleString('en-US')} {total.count === 1 ? 'task' : 'tasks'}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-3 py-2">Task</th>
              <th className="px-3 py-2">Title</th>
              <th className="px-3 py-2">State</th>
              <th className="px-3 py-2">Owner</th>
              <th className="px-3 py-2">Due</th>
              <th className="px-3 py-2">Tags</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((task) => (
              <tr key={task.id} className="border-b border-slate-100 last:border-0">
                <td className="whitespace-nowrap px-3 py-2">
                  <Link href={`/tasks/${task.number}`} className="text-brand-700 underline">
                    {taskNumberLabel(task.number)}
                  </Link>
                </td>
                <td className="px-3 py-2">{task.title}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <span className="flex gap-1">
                    <Badge tone={task.state === 'open' ? 'brand' : 'neutral'}>{TASK_STATE_LABELS[task.state]}</Badge>
                    {task.overdue && <Badge tone="red">Overdue</Badge>}
                  </span>
                </td>
                <td className="px-3 py-2">{task.ownerName ? `${task.ownerName}${task.ownerTeamId ? ' (team)' : ''}` : 'Unassigned'}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(task.dueAt, tz)}</td>
                <td className="px-3 py-2 text-xs text-slate-600">{task.tags.join(', ')}</td>
              </tr>
            ))}
            {page.rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  No tasks match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav className="mt-3 flex justify-between text-sm" aria-label="Pages">
        {page.prevCursor ? (
          <Link href={withCursor(page.prevCursor)} className="text-brand-700 underline">
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link href={withCursor(page.nextCursor)} className="text-brand-700 underline">
            Next →
          </Link>
        )}
      </nav>
    </>
  );
}

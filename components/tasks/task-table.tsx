import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { TaskListRow } from '@/lib/tasks/get-tasks';
import { serializeTaskListParams, type TaskListParams, type TaskSortKey } from '@/lib/tasks/list-params';
import { TASK_STATE_LABELS, taskNumberLabel } from '@/lib/tasks/schemas';
import { formatDateTime } from '@/lib/time/format';

const FIRST_DIRECTION: Record<TaskSortKey, 'asc' | 'desc'> = { due: 'asc', created: 'desc' };

function columns(timeZone: string): Column<TaskListRow>[] {
  return [
    {
      key: 'number',
      header: 'Task',
      nowrap: true,
      cell: (task) => (
        <Link href={`/tasks/${task.number}`} className="font-medium text-brand-700 hover:underline">
          {taskNumberLabel(task.number)}
        </Link>
      ),
    },
    { key: 'title', header: 'Title', primary: true, cell: (task) => <span title={task.title}>{task.title}</span> },
    {
      key: 'state',
      header: 'State',
      nowrap: true,
      cell: (task) => (
        <span className="flex gap-1">
          <Badge tone={task.state === 'open' ? 'brand' : 'neutral'}>{TASK_STATE_LABELS[task.state]}</Badge>
          {task.overdue && <Badge tone="red">Overdue</Badge>}
        </span>
      ),
    },
    {
      key: 'owner',
      header: 'Owner',
      hideBelow: 'lg',
      fold: true,
      className: 'max-w-40',
      cell: (task) => (task.ownerName ? `${task.ownerName}${task.ownerTeamId ? ' (team)' : ''}` : <span className="text-slate-500">Unassigned</span>),
    },
    { key: 'due', header: 'Due', sortable: true, nowrap: true, hideBelow: 'sm', fold: true, cell: (task) => formatDateTime(task.dueAt, timeZone) },
    { key: 'created', header: 'Created', sortable: true, nowrap: true, hideBelow: '2xl', fold: true, cell: (task) => formatDateTime(task.createdAt, timeZone) },
    { key: 'tags', header: 'Tags', hideBelow: 'xl', fold: true, className: 'max-w-48 text-xs text-slate-600', cell: (task) => task.tags.join(', ') },
  ];
}

export function TaskTable({ rows, params, timeZone, caption }: { rows: TaskListRow[]; params: TaskListParams; timeZone: string; caption: string }) {
  return (
    <DataTable
      caption={caption}
      columns={columns(timeZone)}
      rows={rows}
      rowKey={(task) => task.id}
      empty="No tasks match these filters."
      sort={{
        key: params.sort.key,
        direction: params.sort.direction,
        firstDirection: FIRST_DIRECTION,
        href: (key, direction) => {
          const query = serializeTaskListParams({ ...params, sort: { key: key as TaskSortKey, direction }, cursor: undefined });
          return `/tasks${query.size ? `?${query}` : ''}`;
        },
      }}
    />
  );
}

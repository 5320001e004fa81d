import { Badge } from '@/components/ui/badge';
import { DataTable, type Column } from '@/components/ui/data-table';
import {
  numberColumn,
  ownerColumn,
  titleColumn,
  urlSort,
} from '@/components/ui/data-table-columns';
import type { TaskListRow } from '@/lib/tasks/get-tasks';
import {
  serializeTaskListParams,
  type TaskListParams,
  type TaskSortKey,
} from '@/lib/tasks/list-params';
import { TASK_STATE_LABELS, taskNumberLabel } from '@/lib/tasks/schemas';
import { formatDateTime } from '@/lib/time/format';

const FIRST_DIRECTION: Record<TaskSortKey, 'asc' | 'desc'> = { due: 'asc', created: 'desc' };

function columns(timeZone: string): Column<TaskListRow>[] {
  return [
    numberColumn(
      'Task',
      (task) => `/tasks/${task.number}`,
      (task) => taskNumberLabel(task.number),
    ),
    titleColumn((task) => task.title),
    {
      key: 'state',
      header: 'State',
      nowrap: true,
      cell: (task) => (
        <span className="flex gap-1">
          <Badge tone={task.state === 'open' ? 'brand' : 'neutral'}>
            {TASK_STATE_LABELS[task.state]}
          </Badge>
          {task.overdue && <Badge tone="red">Overdue</Badge>}
        </span>
      ),
    },
    ownerColumn(),
    {
      key: 'due',
      header: 'Due',
      sortable: true,
      nowrap: true,
      hideBelow: 'sm',
      fold: true,
      cell: (task) => formatDateTime(task.dueAt, timeZone),
    },
    {
      key: 'created',
      header: 'Created',
      sortable: true,
      nowrap: true,
      hideBelow: '2xl',
      fold: true,
      cell: (task) => formatDateTime(task.createdAt, timeZone),
    },
    {
      key: 'tags',
      header: 'Tags',
      hideBelow: 'xl',
      fold: true,
      className: 'max-w-48 text-xs text-slate-600',
      cell: (task) => task.tags.join(', '),
    },
  ];
}

export function TaskTable({
  rows,
  params,
  timeZone,
  caption,
}: {
  rows: TaskListRow[];
  params: TaskListParams;
  timeZone: string;
  caption: string;
}) {
  return (
    <DataTable
      caption={caption}
      columns={columns(timeZone)}
      rows={rows}
      rowKey={(task) => task.id}
      empty="No tasks match these filters."
      sort={urlSort('/tasks', params.sort, FIRST_DIRECTION, (sort) =>
        serializeTaskListParams({ ...params, sort, cursor: undefined }),
      )}
    />
  );
}

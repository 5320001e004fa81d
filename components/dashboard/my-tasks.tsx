import { Badge } from '@/components/ui/badge';
import type { DashboardViewer, MyTask, MyWork } from '@/lib/dashboard/get-my-work';
import { formatDuration } from '@/lib/incidents/response-target';
import { formatDate } from '@/lib/time/format';
import { whose } from './whose';
import { WorkList } from './work-list';

function DueStatus({ task, timeZone, now }: { task: MyTask; timeZone: string; now: Date }) {
  if (!task.dueAt) return <span className="text-xs text-slate-500">No due date</span>;
  const lateMs = now.getTime() - task.dueAt.getTime();
  if (lateMs > 0) return <Badge tone="red">Overdue by {formatDuration(lateMs)}</Badge>;
  return <span className="text-xs text-slate-600">Due {formatDate(task.dueAt, timeZone)}</span>;
}

/** My open tasks by due date: overdue first, no due date last. */
export function MyTasks({
  work,
  viewer,
  timeZone,
  now,
}: {
  work: MyWork['tasks'];
  viewer: DashboardViewer;
  timeZone: string;
  now: Date;
}) {
  return (
    <WorkList
      kind="task"
      rows={work.rows}
      open={work.open}
      urgent={
        work.overdue > 0 && (
          <span className="font-semibold text-red-700"> · {work.overdue} overdue</span>
        )
      }
      detail={(task) => whose(task, viewer)}
      status={(task) => <DueStatus task={task} timeZone={timeZone} now={now} />}
    />
  );
}

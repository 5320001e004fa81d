import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatDuration } from '@/lib/incidents/response-target';
import type { DashboardViewer, MyWork } from '@/lib/dashboard/get-my-work';
import { formatDate } from '@/lib/time/format';
import { countWords, whose } from './whose';

/** My open tasks by due date: overdue first, no due date last. */
export function MyTasks({ work, viewer, timeZone, now }: { work: MyWork['tasks']; viewer: DashboardViewer; timeZone: string; now: Date }) {
  return (
    <div data-testid="my-tasks">
      <p className="mb-3 text-sm text-slate-600">
        {countWords(work.open, 'task')}
        {work.overdue > 0 && <span className="font-semibold text-red-700"> · {work.overdue} overdue</span>}
      </p>
      {work.rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500">No open tasks are yours or your teams’.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {work.rows.map((task) => {
            const late = task.dueAt && task.dueAt.getTime() < now.getTime();
            return (
              <li key={task.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                <span className="min-w-0 flex-1">
                  <Link href={`/tasks/${task.number}`} className="font-medium text-brand-700 underline">
                    TASK-{task.number}
                  </Link>{' '}
                  <span className="line-clamp-2 block break-words">{task.title}</span>
                  <span className="block text-xs text-slate-500">{whose(task, viewer)}</span>
                </span>
                {!task.dueAt ? (
                  <span className="text-xs text-slate-500">No due date</span>
                ) : late ? (
                  <Badge tone="red">Overdue by {formatDuration(now.getTime() - task.dueAt.getTime())}</Badge>
                ) : (
                  <span className="text-xs text-slate-600">Due {formatDate(task.dueAt, timeZone)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {work.open.count > work.rows.length && (
        <Link href="/tasks?owner=me" className="mt-2 inline-block text-sm text-brand-700 underline">
          All my tasks
        </Link>
      )}
    </div>
  );
}

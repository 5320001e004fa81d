import type { Metadata } from 'next';
import Link from 'next/link';
import { TaskForm } from '@/components/tasks/task-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ownerKey } from '@/lib/owners/owner';
import { getPickerOptions } from '@/lib/pickers';
import { taskNumberLabel } from '@/lib/tasks/schemas';
import { isoToLocalInput } from '@/lib/time/local-input';
import { updateTaskAction } from '../../actions';
import { loadTask } from '../load-task';

export const metadata: Metadata = { title: 'Edit task' };

export default async function EditTaskPage({ params }: { params: Promise<{ number: string }> }) {
  const { user } = await requirePermission('tickets.work');
  const task = await loadTask((await params).number);
  const options = await getPickerOptions(getDb());
  return (
    <FormPage
      title={`Edit ${taskNumberLabel(task.number)}`}
      actions={
        <Link href={`/tasks/${task.number}`} className="text-sm text-brand-700 underline">
          Back to the task
        </Link>
      }
    >
      <TaskForm
        action={updateTaskAction.bind(null, task.id)}
        options={options}
        timeZone={user.timeZone}
        submitLabel="Save changes"
        values={{
          title: task.title,
          owner: ownerKey(task),
          dueAt: isoToLocalInput(task.dueAt, user.timeZone),
          description: task.description,
          tags: task.tags,
          query: task.query,
          watchers: task.watchers.map((w) => ({ userId: w.userId, frequency: w.frequency })),
          policyIds: task.policies.map((p) => p.id),
          version: task.version,
        }}
      />
    </FormPage>
  );
}

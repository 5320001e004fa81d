import type { Metadata } from 'next';
import { TaskForm } from '@/components/tasks/task-form';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getPickerOptions } from '@/lib/pickers';
import { createTaskAction } from '../actions';

export const metadata: Metadata = { title: 'New task' };

export default async function NewTaskPage() {
  const { user } = await requirePermission('tickets.work');
  const options = await getPickerOptions(getDb());
  return (
    <>
      <PageHeader
        title="New task"
        description="It opens as Open; the owner and watchers are notified by email."
      />
      <div className="max-w-4xl rounded-lg border border-slate-200 bg-white p-6">
        <TaskForm
          action={createTaskAction}
          options={options}
          timeZone={user.timeZone}
          submitLabel="Create task"
        />
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import { TaskForm } from '@/components/tasks/task-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getPickerOptions } from '@/lib/pickers';
import { createTaskAction } from '../actions';

export const metadata: Metadata = { title: 'New task' };

export default async function NewTaskPage() {
  const { user } = await requirePermission('tickets.work');
  const options = await getPickerOptions(getDb());
  return (
    <FormPage
      title="New task"
      description="It opens as Open; the owner and watchers are notified by email."
    >
      <TaskForm
        action={createTaskAction}
        options={options}
        timeZone={user.timeZone}
        submitLabel="Create task"
      />
    </FormPage>
  );
}

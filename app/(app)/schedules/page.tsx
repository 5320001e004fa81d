import type { Metadata } from 'next';
import { ComingNext } from '@/components/shell/coming-next';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Task Schedules' };

export default async function SchedulesPage() {
  await requirePermission('tickets.view');
  return (
    <>
      <PageHeader title="Task Schedules" description="Recurring duties: each occurrence creates a task, exactly once, in the schedule's time zone." />
      <ComingNext what="No task schedules yet. Copy reviews from the Library or create your own." />
    </>
  );
}

import type { Metadata } from 'next';
import { ComingNext } from '@/components/shell/coming-next';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Tasks' };

export default async function TasksPage() {
  await requirePermission('tickets.view');
  return (
    <>
      <PageHeader title="Tasks" description="One-time actions with an owner and a due date. Tasks are never deleted: they end Closed or Invalid." />
      <ComingNext what="No tasks yet. Open tasks, overdue badges and findings will appear here." />
    </>
  );
}

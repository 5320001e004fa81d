import type { Metadata } from 'next';
import { ComingNext } from '@/components/shell/coming-next';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Policies' };

export default async function PoliciesPage() {
  await requirePermission('tickets.view');
  return (
    <>
      <PageHeader
        title="Policies"
        description="FFIEC, CIS and your own policy statements, linked to the incidents and schedules that evidence them."
      />
      <ComingNext what="No policies yet." />
    </>
  );
}

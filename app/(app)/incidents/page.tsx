import type { Metadata } from 'next';
import { ComingNext } from '@/components/shell/coming-next';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Incidents' };

export default async function IncidentsPage() {
  await requirePermission('tickets.view');
  return (
    <>
      <PageHeader title="Incidents" description="Suspicious activity that needs research and maybe action, worked from Triage to Closed." />
      <ComingNext what="No incidents yet. Open incidents, their response clocks, filters, CSV export and bulk close will appear here." />
    </>
  );
}

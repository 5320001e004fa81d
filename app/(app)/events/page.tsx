import type { Metadata } from 'next';
import { ComingNext } from '@/components/shell/coming-next';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Events' };

export default async function EventsPage() {
  await requirePermission('tickets.view');
  return (
    <>
      <PageHeader
        title="Events"
        description="Search log events with a Lucene-like query and open an incident from what you find."
      />
      <ComingNext what="Event search will appear here." />
    </>
  );
}

import type { Metadata } from 'next';
import { ComingNext } from '@/components/shell/coming-next';
import { PageHeader } from '@/components/ui/page-header';
import { requirePermission } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Library' };

export default async function LibraryPage() {
  await requirePermission('tickets.view');
  return (
    <>
      <PageHeader title="Library" description="Expert-written schedule templates with recommended intervals, ready to copy and tailor." />
      <ComingNext what="The template library will appear here." />
    </>
  );
}

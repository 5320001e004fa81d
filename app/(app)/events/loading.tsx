import { DataTableSkeleton } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';

// The title is there at once (the page's one h1), the results' place while the search runs.
export default function Loading() {
  return (
    <>
      <PageHeader title="Events" />
      <DataTableSkeleton columns={5} label="Searching events" />
    </>
  );
}

import { ListPageSkeleton } from '@/components/ui/data-table';

export default function Loading() {
  return <ListPageSkeleton columns={5} label="Loading API tokens" />;
}

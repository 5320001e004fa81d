import { ListPageSkeleton } from '@/components/ui/data-table';

export default function Loading() {
  return <ListPageSkeleton columns={3} label="Loading API tokens" />;
}

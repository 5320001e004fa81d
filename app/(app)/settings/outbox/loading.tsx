import { ListPageSkeleton } from '@/components/ui/data-table';

export default function Loading() {
  return <ListPageSkeleton columns={6} label="Loading the outbox" />;
}

import { ListPageSkeleton } from '@/components/ui/data-table';

export default function Loading() {
  return <ListPageSkeleton columns={7} label="Loading task schedules" />;
}

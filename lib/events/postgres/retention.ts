import type { Db } from '@/db/client';

// Dropping whole daily partitions older than the retention. Owned by the ingest work.
export async function dropPartitionsBefore(_db: Db, _before: Date): Promise<{ dropped: string[] }> {
  throw new Error('not built yet');
}

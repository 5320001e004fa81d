import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import type { InsertResult, NormalizedEvent } from '../types';
import { ensureEventPartitions, utcDaysOf } from './partitions';

// First version: multi-row INSERT in chunks. The ingest work replaces it with COPY.
export async function insertEvents(db: Db, batch: NormalizedEvent[]): Promise<InsertResult> {
  if (!batch.length) return { inserted: 0 };
  await ensureEventPartitions(db, utcDaysOf(batch.map((e) => e.occurredAt)));
  for (let i = 0; i < batch.length; i += 1000) {
    await db.insert(events).values(
      batch.slice(i, i + 1000).map((e) => ({
        occurredAt: e.occurredAt,
        source: e.source,
        appName: e.app_name,
        hostname: e.hostname,
        eventId: e.event_id,
        category: e.category,
        message: e.message,
        sourceIp: e.source_ip,
        destIp: e.dest_ip,
        user: e.user,
        fields: e.fields,
      })),
    );
  }
  return { inserted: batch.length };
}

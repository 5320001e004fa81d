import type { Db } from '@/db/client';
import type { InsertResult, NormalizedEvent } from '../types';
import { copyLine } from './copy-text';
import { ensureEventPartitions, forgetEnsuredPartitions, utcDaysOf } from './partitions';

// Events go in through COPY FROM STDIN (text format): one statement per batch, no bind
// parameters to plan, several times the rows per second of multi-row INSERT with every index
// in place (npm run bench -- events). A batch is all or nothing; normalisation has already
// refused whatever PostgreSQL could not store, so one bad event never fails the others.

const COPY_COLUMNS = [
  'occurred_at',
  'source',
  'app_name',
  'hostname',
  'event_id',
  'category',
  'message',
  'source_ip',
  'dest_ip',
  'user',
  'fields',
] as const;

/** Rows per write to the COPY stream: large enough to be cheap, small enough to stream. */
const CHUNK_ROWS = 500;

/** 23514: "no partition of relation events found for row" (another process dropped it). */
const NO_PARTITION = '23514';

export function eventCopyRow(e: NormalizedEvent): string {
  return copyLine([
    e.occurredAt.toISOString(),
    e.source,
    e.app_name,
    e.hostname,
    e.event_id,
    e.category,
    e.message,
    e.source_ip,
    e.dest_ip,
    e.user,
    JSON.stringify(e.fields),
  ]);
}

export async function insertEvents(db: Db, batch: NormalizedEvent[]): Promise<InsertResult> {
  if (!batch.length) return { inserted: 0 };
  const days = utcDaysOf(batch.map((e) => e.occurredAt));
  await ensureEventPartitions(db, days);
  try {
    await copyEvents(db, batch);
  } catch (error) {
    if ((error as { code?: string }).code !== NO_PARTITION) throw error;
    // This process remembered a partition that retention has since dropped: make it again.
    forgetEnsuredPartitions();
    await ensureEventPartitions(db, days);
    await copyEvents(db, batch);
  }
  return { inserted: batch.length };
}

async function copyEvents(db: Db, batch: NormalizedEvent[]): Promise<void> {
  const sql = db.$client;
  const columns = COPY_COLUMNS.map((c) => `"${c}"`).join(', ');
  const stream = await sql.unsafe(`copy events (${columns}) from stdin`).writable();
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    let at = 0;
    const writeMore = () => {
      while (at < batch.length) {
        let chunk = '';
        const end = Math.min(batch.length, at + CHUNK_ROWS);
        for (; at < end; at++) chunk += eventCopyRow(batch[at]);
        if (!stream.write(chunk)) {
          stream.once('drain', writeMore);
          return;
        }
      }
      stream.end();
    };
    writeMore();
  });
}

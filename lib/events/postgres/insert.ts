import type { Db } from '@/db/client';
import type { InsertResult, NormalizedEvent } from '../types';
import { copyText } from './copy-text';
import { ensureEventPartitionOn, forgetEnsuredPartitions, isEnsured, utcDay } from './partitions';

const DAY_MS = 86_400_000;

// Events go in through COPY FROM STDIN (text format): one statement per batch, no bind
// parameters, streamed (npm run bench -- events compares it with psql's \copy). A batch is
// all or nothing; normalisation has already refused whatever PostgreSQL could not store, so
// one bad event never fails the others.

export const EVENT_COPY_COLUMNS = [
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

/** JSON escapes every control character itself; only its backslashes need doubling for COPY. */
function fieldsText(fields: Record<string, unknown>): string {
  const json = JSON.stringify(fields);
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** One row of EVENT_COPY_COLUMNS in COPY's text format (the ISO time and source need no escaping). */
export function eventCopyRow(e: NormalizedEvent): string {
  return `${e.occurredAt.toISOString()}\t${e.source}\t${copyText(e.app_name)}\t${copyText(e.hostname)}\t${copyText(e.event_id)}\t${copyText(e.category)}\t${copyText(e.message)}\t${copyText(e.source_ip)}\t${copyText(e.dest_ip)}\t${copyText(e.user)}\t${fieldsText(e.fields)}\n`;
}

/**
 * Writes events through COPY inside one transaction: all of them or, on an error, none. The
 * events may be a lazy iterable (ingest normalises as they are pulled): each chunk goes to
 * the server as soon as it is built, so PostgreSQL writes one chunk while Node prepares the
 * next. A day without a partition yet ends the COPY, makes the partition in the same
 * transaction and starts another.
 */
export async function insertEvents(
  db: Db,
  events: Iterable<NormalizedEvent>,
): Promise<InsertResult> {
  const pulled: NormalizedEvent[] = [];
  const source = events[Symbol.iterator]();
  const pull = (): NormalizedEvent | undefined => {
    const next = source.next();
    if (next.done) return undefined;
    pulled.push(next.value);
    return next.value;
  };
  try {
    return await copyInTransaction(db, pull);
  } catch (error) {
    if ((error as { code?: string }).code !== NO_PARTITION) throw error;
    // This process remembered a partition that retention has since dropped: make it again.
    forgetEnsuredPartitions();
    const all = [...pulled, ...{ [Symbol.iterator]: () => source }];
    let at = 0;
    return copyInTransaction(db, () => all[at++]);
  }
}

async function copyInTransaction(
  db: Db,
  pull: () => NormalizedEvent | undefined,
): Promise<InsertResult> {
  const columns = EVENT_COPY_COLUMNS.map((c) => `"${c}"`).join(', ');
  let inserted = 0;
  let next = pull();
  if (!next) return { inserted: 0 };
  // Day numbers whose partition is known to exist, for this call: checked per event.
  const ready = new Set<number>();
  const hasPartition = (event: NormalizedEvent) => {
    const dayNumber = Math.floor(event.occurredAt.getTime() / DAY_MS);
    if (ready.has(dayNumber)) return true;
    if (!isEnsured(utcDay(event.occurredAt))) return false;
    ready.add(dayNumber);
    return true;
  };
  await db.$client.begin(async (tx) => {
    while (next) {
      await ensureEventPartitionOn(tx, utcDay(next.occurredAt));
      const stream = await tx.unsafe(`copy events (${columns}) from stdin`).writable();
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        const writeMore = () => {
          for (;;) {
            let chunk = '';
            let rows = 0;
            while (next && rows < CHUNK_ROWS && hasPartition(next)) {
              chunk += eventCopyRow(next);
              rows++;
              next = pull();
            }
            inserted += rows;
            const more = rows ? stream.write(chunk) : true;
            // Done, or the next event needs a partition first: this COPY ends here.
            if (!next || !hasPartition(next)) return void stream.end();
            if (!more) return void stream.once('drain', writeMore);
          }
        };
        writeMore();
      });
    }
  });
  return { inserted };
}

import type { Db } from '@/db/client';
import { getExportDb } from './export-db';
import { takeExportSlot } from './export-slots';
import { guardExportStream } from './guard-export-stream';

// Every streamed export (the incident, task and event CSVs, from the pages and the API) starts
// here: a place in the person's count (or 'busy', for the route's 429), the export pool
// instead of the web pool, and the idle timeout that ends a stalled download. Routes parse
// and refuse their parameters first, so a 400 never takes a place.

export function startExport(
  userId: string,
  what: string,
  open: (db: Db) => ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> | 'busy' {
  const slot = takeExportSlot(userId);
  if (!slot) return 'busy';
  try {
    return guardExportStream(open(getExportDb()), { onEnd: slot.release, what });
  } catch (error) {
    slot.release();
    throw error;
  }
}

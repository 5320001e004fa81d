import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordFieldNames } from './field-names';
import { normalizeEvent } from './normalize';
import { eventRetentionCutoff, getEventRetentionDaysCached } from './retention-days';
import { getEventStore } from './store';
import type { EventSource, NormalizedEvent } from './types';

export type IngestResult = {
  accepted: number;
  /** Each bad event by its index in what was sent, with why; the good ones are kept. */
  rejected: { index: number; reason: string }[];
};

/** The one way events get in: the API, the bulk endpoint, syslog and the seed all call this. */
export async function ingestEvents(
  db: Db,
  actor: Actor,
  raws: unknown[],
  source: EventSource,
): Promise<IngestResult> {
  assertCan(actor, 'events.ingest');
  const now = new Date();
  const retentionDays = await getEventRetentionDaysCached(db);
  const oldest = eventRetentionCutoff(retentionDays, now);
  const oldestReason = `The event is older than the ${retentionDays} days events are kept (before ${oldest.toISOString().slice(0, 10)}).`;
  const rejected: IngestResult['rejected'] = [];
  const names = new Set<string>();
  // Normalised as the store pulls them: Node prepares the next part of the batch while
  // PostgreSQL writes the last.
  function* normalized(): Iterable<NormalizedEvent> {
    for (let index = 0; index < raws.length; index++) {
      const result = normalizeEvent(raws[index], source, { now, oldest, oldestReason });
      if (!result.ok) {
        rejected.push({ index, reason: result.reason });
        continue;
      }
      for (const name in result.event.fields) names.add(name);
      yield result.event;
    }
  }
  const { inserted } = await getEventStore(db).insert(normalized());
  await recordFieldNames(db, names);
  return { accepted: inserted, rejected };
}

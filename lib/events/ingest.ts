import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordFieldNames } from './field-names';
import { normalizeEvent } from './normalize';
import { eventRetentionCutoff, getEventRetentionDays } from './retention-days';
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
  const retentionDays = await getEventRetentionDays(db);
  const oldest = eventRetentionCutoff(retentionDays, now);
  const oldestReason = `The event is older than the ${retentionDays} days events are kept (before ${oldest.toISOString().slice(0, 10)}).`;
  const good: NormalizedEvent[] = [];
  const rejected: IngestResult['rejected'] = [];
  raws.forEach((raw, index) => {
    const result = normalizeEvent(raw, source, { now, oldest, oldestReason });
    if (result.ok) good.push(result.event);
    else rejected.push({ index, reason: result.reason });
  });
  const { inserted } = await getEventStore(db).insert(good);
  await recordFieldNames(db, fieldNamesOf(good));
  return { accepted: inserted, rejected };
}

function* fieldNamesOf(batch: NormalizedEvent[]): Iterable<string> {
  for (const event of batch) yield* Object.keys(event.fields);
}

import type { Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { ingestEvents } from '@/lib/events/ingest';
import { EVENT_LIMITS } from '@/lib/events/normalize';
import { log } from '@/lib/log';

const actor = systemActor('syslog');
const KEPT = [
  'message',
  'syslog.peer_ip',
  'syslog.transport',
  'syslog.priority',
  'syslog.timestamp',
];

/**
 * Stores a batch from the receiver. A device cannot be told its event was refused, so what
 * ingest refuses (a clock years behind, past the retention; a field it cannot keep) is
 * stored anyway, dated on arrival with the reason in `syslog.parse_error`; failing that, as
 * its message and sender alone.
 */
export async function storeSyslogBatch(
  db: Db,
  batch: Record<string, unknown>[],
  now: () => Date,
): Promise<void> {
  const first = await ingestEvents(db, actor, batch, 'syslog');
  if (!first.rejected.length) return;
  const redated = first.rejected.map(({ index, reason }) =>
    keptAnyway(batch[index], reason, now()),
  );
  const second = await ingestEvents(db, actor, redated, 'syslog');
  if (!second.rejected.length) return;
  const minimal = second.rejected.map(({ index, reason }): Record<string, unknown> => {
    const raw = redated[index];
    const kept = Object.fromEntries(KEPT.filter((k) => k in raw).map((k) => [k, raw[k]]));
    const message = String(kept.message ?? '');
    return {
      ...kept,
      '@timestamp': raw['@timestamp'],
      message:
        Buffer.byteLength(message) > EVENT_LIMITS.maxValueBytes
          ? Buffer.from(message)
              .subarray(0, EVENT_LIMITS.maxValueBytes - 4)
              .toString()
          : message,
      'syslog.parse_error': `${raw['syslog.parse_error']} ${reason}`,
    };
  });
  const third = await ingestEvents(db, actor, minimal, 'syslog');
  for (const { index, reason } of third.rejected)
    log('error', 'syslog: a message could not be stored in any form', {
      reason,
      peer: minimal[index]['syslog.peer_ip'],
    });
}

function keptAnyway(
  raw: Record<string, unknown>,
  reason: string,
  at: Date,
): Record<string, unknown> {
  const earlier = raw['syslog.parse_error'];
  return {
    ...raw,
    '@timestamp': at.toISOString(),
    'syslog.parse_error': earlier ? `${earlier} ${reason}` : reason,
  };
}

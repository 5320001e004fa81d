import type { DbOrTx } from '@/db/client';
import { organization } from '@/db/schema';

const DAY_MS = 86_400_000;
/** When no organization row exists yet (a fresh database before the seed). */
export const DEFAULT_EVENT_RETENTION_DAYS = 90;

export async function getEventRetentionDays(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ days: organization.eventRetentionDays })
    .from(organization)
    .limit(1);
  return row?.days ?? DEFAULT_EVENT_RETENTION_DAYS;
}

/**
 * The first UTC day still kept with a retention of `days`: partitions of earlier days are
 * dropped (lib/events/postgres/retention.ts), and ingest refuses events that would land in them.
 */
export function eventRetentionCutoff(days: number, now: Date): Date {
  return new Date(Math.floor((now.getTime() - days * DAY_MS) / DAY_MS) * DAY_MS);
}

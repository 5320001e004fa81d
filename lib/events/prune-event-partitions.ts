import type { Db } from '@/db/client';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { eventRetentionCutoff, getEventRetentionDays } from './retention-days';
import { getEventStore } from './store';

export type PruneEventPartitionsResult = {
  retentionDays: number;
  /** The first day kept (UTC): every earlier day's events are gone. */
  keptFrom: string;
  dropped: string[];
};

/**
 * Removes the log events older than the organization's retention (Settings → Organization),
 * whole days at a time, and records each run that removed any as an activity row an
 * administrator reads: which days went and under which retention. Events copied into incidents are not in the store's partitions
 * and stay. Run daily by the `events.prune-partitions` job; safe to run at any time.
 */
export async function pruneEventPartitions(
  db: Db,
  actor: Actor,
  input: { now?: Date } = {},
): Promise<PruneEventPartitionsResult> {
  assertCan(actor, 'organization.manage');
  const retentionDays = await getEventRetentionDays(db);
  const cutoff = eventRetentionCutoff(retentionDays, input.now ?? new Date());
  // DETACH ... CONCURRENTLY cannot run inside a transaction (and the store need not be SQL),
  // so the activity row follows the drop instead of sharing its transaction; the worker logs
  // a failure between the two with the job.
  const { dropped } = await getEventStore(db).dropBefore(cutoff);
  const keptFrom = cutoff.toISOString().slice(0, 10);
  // Only runs that removed something are logged: the job runs hourly.
  if (!dropped.length) return { retentionDays, keptFrom, dropped };
  await db.transaction((tx) =>
    recordActivity(tx, actor, {
      action: 'events.partitions-dropped',
      entityType: 'organization',
      entityId: '1',
      changes: {
        eventRetentionDays: { old: null, new: retentionDays },
        keptFrom: { old: null, new: keptFrom },
        droppedDays: { old: null, new: dropped.length },
        dropped: { old: null, new: dropped.join(', ') },
      },
    }),
  );
  return { retentionDays, keptFrom, dropped };
}

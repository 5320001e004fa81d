import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors';

export type PruneRetainedInput = {
  /** Rows older than this many days go (VIGIL_RETENTION_DAYS). */
  retentionDays: number;
  now?: Date;
  /** Rows per DELETE: each batch is its own short statement, never a long lock. */
  batchSize?: number;
};

export type PruneCounts = {
  outbox: number;
  notificationFanout: number;
  devMailbox: number;
  digestItems: number;
  taskDueReminders: number;
  taskOverdueReminders: number;
};

const DAY_MS = 24 * 3600_000;

/**
 * What each table may lose after the retention, and why it is safe. Evidence is never
 * touched: activity_log, tasks, incidents, notes, attachments, schedule_periods, and outbox
 * rows that failed (an administrator must see them) or are still pending. Nor is
 * incident_reminders: one row per incident and warning, the only thing that stops it going
 * out again, and small.
 */
const PRUNES: Record<keyof PruneCounts, (cutoff: SQL, limit: number) => SQL> = {
  // Delivered side effects; their effect (the activity row, the email) is recorded elsewhere.
  outbox: (cutoff, limit) => sql`
    delete from outbox where id in (
      select id from outbox where status = 'sent' and created_at < ${cutoff} and delivered_at < ${cutoff} order by id limit ${limit})`,
  // Guards a notification row against fanning out twice. Kept while that row may still be
  // delivered or retried (pending, or failed and retryable by an administrator).
  notificationFanout: (cutoff, limit) => sql`
    delete from notification_fanout where ctid = any(array(
      select f.ctid from notification_fanout f
      where f.created_at < ${cutoff}
        and not exists (select 1 from outbox o where o.id = f.source_outbox_id and o.status <> 'sent')
      limit ${limit}))`,
  devMailbox: (cutoff, limit) => sql`
    delete from dev_mailbox where id in (select id from dev_mailbox where created_at < ${cutoff} order by id limit ${limit})`,
  // Only items a digest already took: a waiting one is a notification not yet delivered.
  digestItems: (cutoff, limit) => sql`
    delete from digest_items where id in (
      select id from digest_items where digest_outbox_id is not null and created_at < ${cutoff} order by id limit ${limit})`,
  // "Due tomorrow" is claimed only for a due date after today: one long past can never be
  // claimed again, so its row no longer guards anything.
  taskDueReminders: (cutoff, limit) => sql`
    delete from task_due_reminders where ctid = any(array(
      select ctid from task_due_reminders where due_at < ${cutoff} limit ${limit}))`,
  // "Overdue" is claimed for the organization's today only. The cutoff's UTC date is at
  // least a day back (the retention is at least a day), so before today in every zone.
  taskOverdueReminders: (cutoff, limit) => sql`
    delete from task_overdue_reminders where ctid = any(array(
      select ctid from task_overdue_reminders where day < (${cutoff} at time zone 'UTC')::date limit ${limit}))`,
};

/**
 * Prunes delivered bookkeeping older than the retention, table by table in bounded
 * batches, and records the run (when, the cutoff, how many rows each table lost) as one
 * activity row, so an administrator can see what was removed. Run daily by the
 * `retention.prune-records` job; safe to run at any time and as often as wanted.
 */
export async function pruneRetainedRecords(
  db: Db,
  actor: Actor,
  input: PruneRetainedInput,
): Promise<PruneCounts> {
  assertCan(actor, 'organization.manage');
  if (!Number.isInteger(input.retentionDays) || input.retentionDays < 1) {
    const message = 'The retention must be a whole number of days, at least 1 day.';
    throw new ValidationError({ retentionDays: message }, message);
  }
  const now = input.now ?? new Date();
  const cutoffAt = new Date(now.getTime() - input.retentionDays * DAY_MS);
  const cutoff = sql`${cutoffAt.toISOString()}::timestamptz`;
  const limit = input.batchSize ?? 5_000;

  const counts = {} as PruneCounts;
  for (const [table, prune] of Object.entries(PRUNES) as [
    keyof PruneCounts,
    (typeof PRUNES)[keyof PruneCounts],
  ][]) {
    counts[table] = 0;
    for (;;) {
      const deleted = (await db.execute(prune(cutoff, limit))).count ?? 0;
      counts[table] += deleted;
      if (deleted < limit) break;
    }
  }

  await db.transaction((tx) =>
    recordActivity(tx, actor, {
      action: 'retention.pruned',
      entityType: 'retention',
      entityId: cutoffAt.toISOString(),
      changes: {
        retentionDays: { old: null, new: input.retentionDays },
        cutoff: { old: null, new: cutoffAt.toISOString() },
        ...Object.fromEntries(
          Object.entries(counts).map(([table, n]) => [table, { old: null, new: n }]),
        ),
      },
    }),
  );
  return counts;
}

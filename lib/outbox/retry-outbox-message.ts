import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ConflictError, NotFoundError } from '@/lib/errors';

/**
 * Puts a parked (failed) message back in the queue with a fresh set of attempts, once the
 * administrator has fixed the cause (a wrong SMTP password, a provider outage). Logged, since
 * it may send an email that was held back.
 */
export async function retryOutboxMessage(db: Db, actor: Actor, outboxId: number): Promise<void> {
  assertCan(actor, 'outbox.retry');
  // Ids are positive bigserials; anything else (NaN, 1e30, -1 from a hand-made form) names none.
  if (!Number.isSafeInteger(outboxId) || outboxId < 1)
    throw new NotFoundError('That message no longer exists.');
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(outbox).where(eq(outbox.id, outboxId)).for('update');
    if (!row) throw new NotFoundError('That message no longer exists.');
    if (row.status !== 'failed')
      throw new ConflictError(
        'Only failed messages can be retried; this one is already queued or sent.',
      );
    await tx
      .update(outbox)
      .set({
        status: 'pending',
        attempts: 0,
        availableAt: sql`now()`,
        claimedAt: null,
        lastError: null,
      })
      .where(and(eq(outbox.id, outboxId), eq(outbox.status, 'failed')));
    await recordActivity(tx, actor, {
      action: 'outbox.retried',
      entityType: 'outbox',
      entityId: String(outboxId),
      changes: {
        status: { old: 'failed', new: 'pending' },
        attempts: { old: row.attempts, new: 0 },
        lastError: { old: row.lastError, new: null },
      },
    });
  });
}

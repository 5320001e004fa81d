import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies, type Policy } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ConflictError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { loadCustomPolicyForUpdate } from './load-policy';
import { syncReviewSchedule } from './review-schedule';
import { reactivatePolicyInput, retirePolicyInput, type RetirePolicyInput } from './schemas';

/**
 * Retires a custom policy, with the reason: no longer offered where policies are chosen,
 * still shown on everything it was attached to, and its review schedule paused.
 */
export async function retirePolicy(
  db: DbOrTx,
  actor: Actor,
  policyId: string,
  rawInput: RetirePolicyInput,
  now = new Date(),
): Promise<Policy> {
  assertCan(actor, 'policies.manage');
  const input = parseInput(retirePolicyInput, rawInput);
  return db.transaction(async (tx) => {
    const before = await loadCustomPolicyForUpdate(tx, actor, policyId, input.version);
    if (!before.active)
      throw new ConflictError(`${before.framework} ${before.reference} is already retired.`);
    const after = await writeRetirement(
      tx,
      actor,
      policyId,
      {
        active: false,
        retiredAt: now,
        retiredById: actor.kind === 'user' ? actor.userId : null,
        retiredReason: input.reason,
      },
      now,
    );
    const schedule = await syncReviewSchedule(tx, actor, after, before, now);
    await recordActivity(tx, actor, {
      action: 'policy.retired',
      entityType: 'policy',
      entityId: policyId,
      changes: {
        active: { old: true, new: false },
        retiredReason: { old: null, new: input.reason },
        ...(schedule ? { reviewSchedule: { old: null, new: `${schedule.name} (paused)` } } : {}),
      },
    });
    return after;
  });
}

/** Offers a retired policy again; its review schedule resumes when it has an interval. */
export async function reactivatePolicy(
  db: DbOrTx,
  actor: Actor,
  policyId: string,
  rawInput: { version: number },
  now = new Date(),
): Promise<Policy> {
  assertCan(actor, 'policies.manage');
  const input = parseInput(reactivatePolicyInput, rawInput);
  return db.transaction(async (tx) => {
    const before = await loadCustomPolicyForUpdate(tx, actor, policyId, input.version);
    if (before.active)
      throw new ConflictError(`${before.framework} ${before.reference} is already active.`);
    const after = await writeRetirement(
      tx,
      actor,
      policyId,
      {
        active: true,
        retiredAt: null,
        retiredById: null,
        retiredReason: null,
      },
      now,
    );
    const schedule = await syncReviewSchedule(tx, actor, after, before, now);
    await recordActivity(tx, actor, {
      action: 'policy.reactivated',
      entityType: 'policy',
      entityId: policyId,
      changes: {
        active: { old: false, new: true },
        ...(schedule?.active ? { reviewSchedule: { old: null, new: schedule.name } } : {}),
      },
    });
    return after;
  });
}

/** Retires or reactivates the row: the retirement columns as given, the edit stamp and version. */
async function writeRetirement(
  tx: DbOrTx,
  actor: Actor,
  policyId: string,
  retirement: Pick<Policy, 'active' | 'retiredAt' | 'retiredById' | 'retiredReason'>,
  now: Date,
): Promise<Policy> {
  const [after] = await tx
    .update(policies)
    .set({
      ...retirement,
      updatedAt: now,
      updatedById: actor.kind === 'user' ? actor.userId : null,
      version: sql`${policies.version} + 1`,
    })
    .where(eq(policies.id, policyId))
    .returning();
  return after;
}

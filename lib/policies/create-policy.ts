import type { DbOrTx } from '@/db/client';
import { policies, type Policy } from '@/db/schema';
import { isUniqueViolation } from '@/db/errors';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { assertOwnerExists, ownerKey } from '@/lib/owners/owner';
import { parseInput } from '@/lib/validation';
import { assertReferenceFree, duplicateReference } from './load-policy';
import { syncReviewSchedule } from './review-schedule';
import { CUSTOM_FRAMEWORK, createPolicyInput, type CreatePolicyInput } from './schemas';

/**
 * Adds one of the organization's own policies: version 1 (written by the table's trigger),
 * its activity row and, with a review interval, its review schedule, in one transaction.
 */
export async function createCustomPolicy(
  db: DbOrTx,
  actor: Actor,
  rawInput: CreatePolicyInput,
  now = new Date(),
): Promise<Policy> {
  assertCan(actor, 'policies.manage');
  const input = parseInput(createPolicyInput, rawInput);
  try {
    return await db.transaction(async (tx) => {
      await assertOwnerExists(tx, input.owner);
      await assertReferenceFree(tx, CUSTOM_FRAMEWORK, input.reference);
      const actorId = actor.kind === 'user' ? actor.userId : null;
      const [policy] = await tx
        .insert(policies)
        .values({
          framework: CUSTOM_FRAMEWORK,
          reference: input.reference,
          title: input.title,
          statement: input.statement,
          url: input.url,
          custom: true,
          ...input.owner,
          reviewIntervalMonths: input.reviewIntervalMonths,
          createdById: actorId,
          updatedById: actorId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const schedule = await syncReviewSchedule(tx, actor, policy, undefined, now);
      await recordActivity(tx, actor, {
        action: 'policy.created',
        entityType: 'policy',
        entityId: policy.id,
        changes: {
          reference: { old: null, new: `${policy.framework} ${policy.reference}` },
          title: { old: null, new: policy.title },
          ...(ownerKey(policy) ? { owner: { old: null, new: ownerKey(policy) } } : {}),
          ...(policy.reviewIntervalMonths
            ? { reviewIntervalMonths: { old: null, new: policy.reviewIntervalMonths } }
            : {}),
          ...(schedule ? { reviewSchedule: { old: null, new: schedule.name } } : {}),
        },
      });
      return policy;
    });
  } catch (error) {
    // Two people adding the same reference at once: the second meets the unique index.
    if (isUniqueViolation(error, 'policies_framework_reference_key'))
      throw duplicateReference(CUSTOM_FRAMEWORK, input.reference);
    throw error;
  }
}

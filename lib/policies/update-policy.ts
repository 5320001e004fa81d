import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies, policyVersions, type FieldChanges, type Policy } from '@/db/schema';
import { isUniqueViolation } from '@/db/errors';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { assertOwnerExists, ownerKey } from '@/lib/owners/owner';
import { parseInput } from '@/lib/validation';
import { assertReferenceFree, duplicateReference, loadCustomPolicyForUpdate } from './load-policy';
import { syncReviewSchedule } from './review-schedule';
import { updatePolicyInput, type UpdatePolicyInput } from './schemas';

/** What a version holds: a change to any of these writes the next policy_versions row. */
export const VERSIONED_FIELDS = ['title', 'statement', 'url', 'reviewIntervalMonths'] as const;

/**
 * Edits a custom policy against the version its editor saw. A change of its text (title,
 * statement, link or review interval) becomes a new version beside the old ones, which stay
 * readable; what was attached keeps pointing at the version it was attached to.
 */
export async function updateCustomPolicy(
  db: DbOrTx,
  actor: Actor,
  policyId: string,
  rawInput: UpdatePolicyInput,
  now = new Date(),
): Promise<Policy> {
  assertCan(actor, 'policies.manage');
  const input = parseInput(updatePolicyInput, rawInput);
  try {
    return await db.transaction(async (tx) => {
      const before = await loadCustomPolicyForUpdate(tx, actor, policyId, input.version);
      const fields: Partial<Policy> = {};
      for (const key of [...VERSIONED_FIELDS, 'reference'] as const) {
        if (input[key] !== undefined) Object.assign(fields, { [key]: input[key] });
      }
      if (input.owner) {
        await assertOwnerExists(tx, input.owner);
        Object.assign(fields, input.owner);
      }
      if (fields.reference !== undefined && fields.reference !== before.reference)
        await assertReferenceFree(tx, before.framework, fields.reference, before.id);

      const changes: FieldChanges = diffFields(before, fields, ['reference', ...VERSIONED_FIELDS]);
      if (input.owner && ownerKey(input.owner) !== ownerKey(before))
        changes.owner = { old: ownerKey(before) || null, new: ownerKey(input.owner) || null };
      if (Object.keys(changes).length === 0) return before;

      const newVersion = VERSIONED_FIELDS.some((key) => key in changes);
      const actorId = actor.kind === 'user' ? actor.userId : null;
      const [after] = await tx
        .update(policies)
        .set({
          ...fields,
          ...(newVersion ? { currentVersion: before.currentVersion + 1 } : {}),
          updatedAt: now,
          updatedById: actorId,
          version: sql`${policies.version} + 1`,
        })
        .where(eq(policies.id, policyId))
        .returning();
      if (newVersion) {
        await tx.insert(policyVersions).values({
          policyId,
          version: after.currentVersion,
          title: after.title,
          statement: after.statement,
          url: after.url,
          reviewIntervalMonths: after.reviewIntervalMonths,
          changeNote: input.changeNote,
          createdById: actorId,
          createdAt: now,
        });
        changes.policyVersion = { old: before.currentVersion, new: after.currentVersion };
      }
      const schedule = await syncReviewSchedule(tx, actor, after, before, now);
      if (schedule && before.reviewIntervalMonths !== after.reviewIntervalMonths)
        changes.reviewSchedule = {
          old: null,
          new: `${schedule.name}${schedule.active ? '' : ' (paused)'}`,
        };
      await recordActivity(tx, actor, {
        action: 'policy.updated',
        entityType: 'policy',
        entityId: policyId,
        changes:
          input.changeNote && newVersion
            ? { ...changes, changeNote: { old: null, new: input.changeNote } }
            : changes,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'policies_framework_reference_key'))
      throw duplicateReference('Custom', input.reference ?? '');
    throw error;
  }
}

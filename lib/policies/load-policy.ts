import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { policies, type Policy } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';

/** The policy locked for an edit against the version its editor saw; catalogue statements are refused. */
export async function loadCustomPolicyForUpdate(
  tx: Tx,
  actor: Actor,
  policyId: string,
  expectedVersion: number,
): Promise<Policy> {
  const [policy] = await tx.select().from(policies).where(eq(policies.id, policyId)).for('update');
  if (!policy) throw new NotFoundError('That policy does not exist.');
  if (!policy.custom)
    throw new ForbiddenError(
      `${policy.framework} ${policy.reference} is part of the ${policy.framework} catalogue and cannot be changed here; only your organization's own policies can.`,
    );
  if (policy.version !== expectedVersion)
    throw await changedByConflict(tx, actor, policy, `${policy.framework} ${policy.reference}`);
  return policy;
}

/** Refuses a reference another policy of the framework already has, whatever its case. */
export async function assertReferenceFree(
  tx: Tx,
  framework: string,
  reference: string,
  exceptId?: string,
): Promise<void> {
  const [taken] = await tx
    .select({ title: policies.title, active: policies.active })
    .from(policies)
    .where(
      and(
        sql`lower(${policies.framework}) = lower(${framework})`,
        sql`lower(${policies.reference}) = lower(${reference})`,
        exceptId ? ne(policies.id, exceptId) : undefined,
      ),
    );
  if (taken) throw duplicateReference(framework, reference, taken);
}

export function duplicateReference(
  framework: string,
  reference: string,
  taken?: { title: string; active: boolean },
): ValidationError {
  const what = taken ? ` ("${taken.title}"${taken.active ? '' : ', retired'})` : '';
  return new ValidationError({
    reference: `${framework} ${reference} already exists${what}: choose another reference.`,
  });
}

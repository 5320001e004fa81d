import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies } from '@/db/schema';
import { ValidationError } from '@/lib/errors';

/**
 * The version in force of each policy, for the links that attach them now: an incident, a
 * task or a schedule points at (policy, version), and keeps that version when a later edit
 * of the item leaves the link in place. A retired policy is refused as a new attachment (it
 * stays on what it was already attached to).
 */
export async function versionsToAttach(
  db: DbOrTx,
  newPolicyIds: string[],
): Promise<Map<string, number>> {
  if (!newPolicyIds.length) return new Map();
  const rows = await db
    .select({
      id: policies.id,
      version: policies.currentVersion,
      active: policies.active,
      label: policies.reference,
      framework: policies.framework,
    })
    .from(policies)
    .where(inArray(policies.id, newPolicyIds));
  const retired = rows.filter((r) => !r.active);
  if (retired.length)
    throw new ValidationError({
      policyIds: `${retired.map((r) => `${r.framework} ${r.label}`).join(', ')} ${retired.length === 1 ? 'is' : 'are'} retired and can no longer be attached.`,
    });
  return new Map(rows.map((r) => [r.id, r.version]));
}

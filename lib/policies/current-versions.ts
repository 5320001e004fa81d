import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies } from '@/db/schema';

/**
 * The version in force of each policy, for the links that attach them now: an incident, a
 * task or a schedule points at (policy, version), and keeps that version when a later edit
 * of the item leaves the link in place.
 */
export async function currentPolicyVersions(
  db: DbOrTx,
  policyIds: string[],
): Promise<Map<string, number>> {
  if (!policyIds.length) return new Map();
  const rows = await db
    .select({ id: policies.id, version: policies.currentVersion })
    .from(policies)
    .where(inArray(policies.id, policyIds));
  return new Map(rows.map((r) => [r.id, r.version]));
}

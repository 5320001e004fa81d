import type { DbOrTx } from '@/db/client';
import { assertOwnerExists, type OwnerColumns } from '@/lib/owners/owner';
import { assertPoliciesExist } from '@/lib/policies/assert-policies-exist';
import { assertActiveUsers } from '@/lib/users/assert-users-exist';

/** The people and policies an item (or a schedule's template of one) names. */
export type TicketReferences = {
  owner?: OwnerColumns;
  watchers?: { userId: string }[];
  policyIds?: string[];
};

/**
 * Refuses an owner, watcher or policy that does not exist (or a deactivated person). A field
 * left out is not checked: an edit that does not touch it keeps what is stored.
 */
export async function assertReferencesExist(db: DbOrTx, refs: TicketReferences): Promise<void> {
  if (refs.owner) await assertOwnerExists(db, refs.owner);
  if (refs.watchers)
    await assertActiveUsers(
      db,
      refs.watchers.map((w) => w.userId),
      'watchers',
    );
  if (refs.policyIds) await assertPoliciesExist(db, refs.policyIds);
}

import { and, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { users } from '@/db/schema';
import { ValidationError } from '@/lib/errors';

const ADMIN_CHANGE_LOCK = 7_266_130_002;

/** Serializes changes that could remove administrators, so two at once cannot remove the last. */
export async function lockAdministratorChanges(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`);
}

/** Call after the change, inside the same transaction: refuses to leave nobody able to manage users. */
export async function assertAnAdministratorRemains(tx: Tx, field: string): Promise<void> {
  const [{ admins }] = await tx
    .select({ admins: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)));
  if (admins === 0) {
    throw new ValidationError({
      [field]:
        'Vigil needs at least one active administrator; make another user an administrator first.',
    });
  }
}

import { eq } from 'drizzle-orm';
import { cache } from 'react';
import type { DbOrTx } from '@/db/client';
import { organization, userTotp, type MfaRequirement, type User } from '@/db/schema';
import type { Role } from '@/lib/auth/roles';

/** Whether the organization's setting obliges someone of this role to use a second factor. */
export function secondFactorRequiredFor(role: Role, requirement: MfaRequirement): boolean {
  if (requirement === 'everyone') return true;
  if (requirement === 'privileged') return role === 'admin' || role === 'power_user';
  return false;
}

/** The organization's setting ('nobody' before the organization is set up). */
export async function getMfaRequirement(db: DbOrTx): Promise<MfaRequirement> {
  const [row] = await db.select({ value: organization.mfaRequiredFor }).from(organization);
  return row?.value ?? 'nobody';
}

/** Whether the user has a confirmed authenticator. */
export async function hasSecondFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ confirmedAt: userTotp.confirmedAt })
    .from(userTotp)
    .where(eq(userTotp.userId, userId));
  return !!row?.confirmedAt;
}

/**
 * True when the user must have a second factor and has none: such a session may only reach
 * the enrolment page (and sign out) until it is set up. Once per request.
 */
export const mustEnrolSecondFactor = cache(
  async (db: DbOrTx, user: Pick<User, 'id' | 'role'>): Promise<boolean> => {
    if (!secondFactorRequiredFor(user.role, await getMfaRequirement(db))) return false;
    return !(await hasSecondFactor(db, user.id));
  },
);

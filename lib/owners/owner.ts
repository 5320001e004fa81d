import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { teamMembers, teams, users } from '@/db/schema';
import { roleCan } from '@/lib/auth/permissions';
import type { Role } from '@/lib/auth/roles';
import { ValidationError } from '@/lib/errors';
import { ownerLabel, teamLabel, UNASSIGNED } from './owner-label';
import { UUID_SOURCE } from '@/lib/uuid';

// An item's owner is a person or a team. In forms and the API it travels as one string,
// "user:<id>" or "team:<id>" ("" for nobody); in tables as two nullable columns.

export type OwnerColumns = { ownerUserId: string | null; ownerTeamId: string | null };

export const ownerSchema = z
  .string()
  .trim()
  .regex(new RegExp(`^((user|team):${UUID_SOURCE})?$`, 'i'), 'Choose a person or a team.')
  .transform((value): OwnerColumns => {
    if (!value) return { ownerUserId: null, ownerTeamId: null };
    const [type, id] = value.split(':');
    return type === 'user'
      ? { ownerUserId: id, ownerTeamId: null }
      : { ownerUserId: null, ownerTeamId: id };
  });

export function ownerKey(owner: OwnerColumns): string {
  if (owner.ownerUserId) return `user:${owner.ownerUserId}`;
  if (owner.ownerTeamId) return `team:${owner.ownerTeamId}`;
  return '';
}

/**
 * Whether a person may own an item: active, and allowed to work it. A read-only person or a
 * deactivated one could never close what they own, so neither is offered nor accepted.
 */
export function canOwn(user: { active: boolean; role: Role }): boolean {
  return user.active && roleCan(user.role, 'tickets.work');
}

/**
 * Refuses an owner that does not exist, or a person who cannot work the item (deactivated or
 * read-only): the message names them so the form can say whom to replace.
 */
export async function assertOwnerExists(
  db: DbOrTx,
  owner: OwnerColumns,
  field = 'owner',
): Promise<void> {
  if (owner.ownerUserId) {
    const [user] = await db
      .select({ name: users.name, active: users.active, role: users.role })
      .from(users)
      .where(eq(users.id, owner.ownerUserId));
    if (!user?.active)
      throw new ValidationError({ [field]: 'That person does not exist or is deactivated.' });
    if (!canOwn(user)) {
      throw new ValidationError({
        [field]: `${user.name} is read-only and could not work it: choose someone else or a team.`,
      });
    }
  }
  if (owner.ownerTeamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(eq(teams.id, owner.ownerTeamId));
    if (!team) throw new ValidationError({ [field]: 'That team does not exist.' });
  }
}

/** "An item owned by a team is owned by each of its members." */
export async function isOwner(db: DbOrTx, userId: string, owner: OwnerColumns): Promise<boolean> {
  if (owner.ownerUserId) return owner.ownerUserId === userId;
  if (!owner.ownerTeamId) return false;
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, owner.ownerTeamId), eq(teamMembers.userId, userId)));
  return !!row;
}

/** ownerLabel() for an owner known only by its columns ("Justin Park", "TRAC (team)", "Unassigned"). */
export async function loadOwnerLabel(db: DbOrTx, owner: OwnerColumns): Promise<string> {
  if (owner.ownerUserId) {
    const [user] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, owner.ownerUserId));
    return user ? ownerLabel({ type: 'user', name: user.name }) : 'Unknown person';
  }
  if (owner.ownerTeamId) {
    const [team] = await db
      .select({ name: teams.name })
      .from(teams)
      .where(eq(teams.id, owner.ownerTeamId));
    return team ? teamLabel(team.name) : 'Unknown team';
  }
  return UNASSIGNED;
}

import { and, asc, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teams, users } from '@/db/schema';
import { roleCan } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors';
import type { OwnerColumns } from '@/lib/owners/owner';
import { getOrganization } from './get-organization';
import { teamLabel } from '@/lib/owners/owner-label';

// Who takes a schedule's tasks while the schedule has no active owner: the person or team
// chosen in Settings → Organization, else the administrators. "The administrators" must be
// one owner a task can carry and a reminder can reach, so it is the longest-standing active
// administrator: the same person every time (not whoever happens to sort first by name), and
// most likely the one who set Vigil up and knows who should own the schedule instead.

export type FallbackOwner = {
  /** "user:<id>" or "team:<id>" */
  owner: string;
  /** "TRAC", "Alex Kim": how the reason names them. */
  name: string;
  /** "TRAC (team)", "Alex Kim": how an owner reads everywhere else. */
  label: string;
  /** "the organization's fallback owner", "the longest-standing administrator" */
  role: string;
  /** Why the organization's choice was passed over, when it was. */
  passedOver?: string;
};

const CHOSEN = "the organization's fallback owner";

/** Only people who can work tasks are offered: a read-only person could not close one. */
export function canTakeTasks(user: {
  active: boolean;
  role: Parameters<typeof roleCan>[0];
}): boolean {
  return user.active && roleCan(user.role, 'tickets.work');
}

/** The fallback owner right now, or null when nobody at all could take a task. */
export async function getFallbackOwner(db: DbOrTx): Promise<FallbackOwner | null> {
  const organization = await getOrganization(db);
  let passedOver = 'no fallback owner is chosen in Settings → Organization';
  if (organization?.fallbackOwnerTeamId) {
    const [team] = await db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(eq(teams.id, organization.fallbackOwnerTeamId));
    if (team)
      return {
        owner: `team:${team.id}`,
        name: team.name,
        label: teamLabel(team.name),
        role: CHOSEN,
      };
  }
  if (organization?.fallbackOwnerUserId) {
    const [person] = await db
      .select()
      .from(users)
      .where(eq(users.id, organization.fallbackOwnerUserId));
    if (person && canTakeTasks(person))
      return { owner: `user:${person.id}`, name: person.name, label: person.name, role: CHOSEN };
    if (person)
      passedOver = `${person.name}, ${CHOSEN}, is ${person.active ? 'read-only' : 'deactivated'}`;
  }
  const [admin] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  if (!admin) return null;
  return {
    owner: `user:${admin.id}`,
    name: admin.name,
    label: admin.name,
    role: 'the longest-standing administrator',
    passedOver,
  };
}

/** Refuses, as a field error, a fallback that could not take tasks. */
export async function assertFallbackOwnerEligible(
  db: DbOrTx,
  owner: OwnerColumns,
  field = 'fallbackOwner',
): Promise<void> {
  if (owner.ownerUserId) {
    const [person] = await db.select().from(users).where(eq(users.id, owner.ownerUserId));
    if (!person) throw new ValidationError({ [field]: 'That person does not exist.' });
    if (!person.active)
      throw new ValidationError({
        [field]: `${person.name} is deactivated: choose someone who can take the tasks.`,
      });
    if (!canTakeTasks(person))
      throw new ValidationError({
        [field]: `${person.name} is read-only and could not work the tasks: choose someone else or a team.`,
      });
  }
  if (owner.ownerTeamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(eq(teams.id, owner.ownerTeamId));
    if (!team) throw new ValidationError({ [field]: 'That team does not exist.' });
  }
}

/**
 * What the setting's picker offers: active people who can work tasks, and every team. A chosen
 * person who can no longer take tasks stays listed, marked, so that saving the form for another
 * field neither hides nor silently changes the choice.
 */
export async function getFallbackOwnerOptions(
  db: DbOrTx,
  chosenUserId?: string | null,
): Promise<{ people: { id: string; name: string }[]; teams: { id: string; name: string }[] }> {
  const [people, teamRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(
        chosenUserId
          ? or(eq(users.active, true), eq(users.id, chosenUserId))
          : eq(users.active, true),
      )
      .orderBy(asc(users.name)),
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
  ]);
  return {
    people: people
      .filter((p) => canTakeTasks(p) || p.id === chosenUserId)
      .map((p) => ({
        id: p.id,
        name: canTakeTasks(p)
          ? p.name
          : `${p.name} (${p.active ? 'read-only' : 'deactivated'}: the administrators take the tasks)`,
      })),
    teams: teamRows,
  };
}

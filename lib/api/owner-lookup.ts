import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { teams, users } from '@/db/schema';
import type { OwnerColumns } from '@/lib/owners/owner';
import type { ownerJson } from './ticket-json';

type OwnerJson = z.infer<typeof ownerJson>;

/**
 * The owner objects of items kept as owner columns (schedules, copies from the library), as
 * incidents and tasks answer them: `{ type, id, name }` with the plain name, null when
 * unassigned. Two queries for any number of items; an owner that vanished keeps its id.
 */
export async function ownersOf(
  db: DbOrTx,
  items: readonly OwnerColumns[],
): Promise<(item: OwnerColumns) => OwnerJson> {
  const userIds = [...new Set(items.flatMap((i) => (i.ownerUserId ? [i.ownerUserId] : [])))];
  const teamIds = [...new Set(items.flatMap((i) => (i.ownerTeamId ? [i.ownerTeamId] : [])))];
  const [userRows, teamRows] = await Promise.all([
    userIds.length
      ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
      : [],
    teamIds.length
      ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))
      : [],
  ]);
  const names = new Map([...userRows, ...teamRows].map((row) => [row.id, row.name]));
  return (item) => {
    if (item.ownerUserId)
      return { type: 'user', id: item.ownerUserId, name: names.get(item.ownerUserId) ?? '' };
    if (item.ownerTeamId)
      return { type: 'team', id: item.ownerTeamId, name: names.get(item.ownerTeamId) ?? '' };
    return null;
  };
}

/** One item's owner object. */
export async function ownerOf(db: DbOrTx, item: OwnerColumns): Promise<OwnerJson> {
  return (await ownersOf(db, [item]))(item);
}

import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teamMembers, teams, users, type WatchFrequency } from '@/db/schema';
import type { OwnerColumns } from '@/lib/owners/owner';
import type { TicketKind } from '@/lib/tickets/ticket-kind';
import type { Candidate } from './select-recipients';

// Who is connected to an incident or a task, as the notification fan-out needs them: the
// owner (or each member of the owning team) and the watchers.

const person = {
  userId: users.id,
  email: users.email,
  name: users.name,
  timeZone: users.timeZone,
  active: users.active,
};

/** The owning person, or every member of the owning team. */
export async function ownerCandidates(db: DbOrTx, owner: OwnerColumns): Promise<Candidate[]> {
  const [user, members] = await Promise.all([
    owner.ownerUserId ? db.select(person).from(users).where(eq(users.id, owner.ownerUserId)) : [],
    owner.ownerTeamId
      ? db
          .select({ ...person, teamName: teams.name })
          .from(teamMembers)
          .innerJoin(users, eq(users.id, teamMembers.userId))
          .innerJoin(teams, eq(teams.id, teamMembers.teamId))
          .where(eq(teamMembers.teamId, owner.ownerTeamId))
      : [],
  ]);
  return [
    ...user.map((u) => ({ ...u, via: { kind: 'owner' as const } })),
    ...members.map(({ teamName, ...u }) => ({
      ...u,
      via: { kind: 'team-owner' as const, teamName },
    })),
  ];
}

/** The ticket's watchers, each with how much they asked to hear. */
export async function watcherCandidates(
  db: DbOrTx,
  kind: TicketKind,
  ticketId: string,
): Promise<Candidate[]> {
  const w = kind.watchers;
  const rows = await db
    .select({ ...person, frequency: w.table.frequency })
    .from(w.table)
    .innerJoin(users, eq(users.id, w.table.userId))
    .where(eq(w.ticketId, ticketId));
  return rows.map(({ frequency, ...u }) => ({
    ...u,
    via: { kind: 'watcher' as const, frequency: frequency as WatchFrequency },
  }));
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notificationMutes, outbox, teamMembers, teams, users } from '../../db/schema';
import type { UserActor } from '../../lib/auth/actor';
import { fanOutNotification } from '../../lib/notifications/deliver-notification';
import { enqueueOutbox } from '../../lib/outbox/enqueue';

// The cast of a notification fan-out test, for incidents and tasks alike: an actor, an
// owner, two team members, watchers of each frequency, one who muted the item and one
// who was deactivated.

type Person = typeof users.$inferSelect;
type MakePerson = (name: string, extra?: Partial<typeof users.$inferInsert>) => Promise<Person>;

export type RecipientCast = Record<
  | 'actor'
  | 'owner'
  | 'member1'
  | 'member2'
  | 'watcherAll'
  | 'watcherOpenedClosed'
  | 'mutedWatcher'
  | 'inactiveWatcher',
  Person
> & { teamId: string; watchers: { userId: string; frequency: 'all' | 'opened_closed' }[] };

/** Makes people with numbered emails; `count()` says how many so far (team names use it). */
export function personMaker(db: () => Db) {
  let seq = 0;
  const person: MakePerson = async (name, extra = {}) =>
    (
      await db()
        .insert(users)
        .values({ email: `${name.toLowerCase()}-${++seq}@bank.test`, name, role: 'user', ...extra })
        .returning()
    )[0];
  return { person, count: () => seq };
}

/** `teamName` is asked for once everyone exists (it may count them). */
export async function recipientCast(
  db: Db,
  person: MakePerson,
  teamName: () => string,
): Promise<RecipientCast> {
  const actor = await person('Actor');
  const owner = await person('Owner');
  const member1 = await person('Member1', { timeZone: 'Asia/Tokyo' });
  const member2 = await person('Member2');
  const watcherAll = await person('WatcherAll');
  const watcherOpenedClosed = await person('WatcherOC');
  const mutedWatcher = await person('Muted');
  const inactiveWatcher = await person('Inactive');
  const [team] = await db.insert(teams).values({ name: teamName() }).returning();
  await db.insert(teamMembers).values([
    { teamId: team.id, userId: member1.id },
    { teamId: team.id, userId: member2.id },
  ]);
  const watchers = [
    { userId: actor.id, frequency: 'all' as const },
    { userId: watcherAll.id, frequency: 'all' as const },
    { userId: watcherOpenedClosed.id, frequency: 'opened_closed' as const },
    { userId: mutedWatcher.id, frequency: 'all' as const },
    { userId: inactiveWatcher.id, frequency: 'all' as const },
  ];
  return {
    actor,
    owner,
    member1,
    member2,
    watcherAll,
    watcherOpenedClosed,
    mutedWatcher,
    inactiveWatcher,
    teamId: team.id,
    watchers,
  };
}

/** Once the items exist: the inactive watcher is deactivated, the muted one mutes each item. */
export async function muteAndDeactivate(
  db: Db,
  cast: RecipientCast,
  entityType: 'incident' | 'task',
  entityIds: string[],
): Promise<void> {
  await db.update(users).set({ active: false }).where(eq(users.id, cast.inactiveWatcher.id));
  await db
    .insert(notificationMutes)
    .values(entityIds.map((entityId) => ({ userId: cast.mutedWatcher.id, entityType, entityId })));
}

/** A person as the actor of a change (no time zone: messages read in UTC). */
export function actorOf(u: Person): UserActor {
  return { kind: 'user', userId: u.id, name: u.name, email: u.email, role: u.role };
}

/** Queues one notification row about a kind ("incident", "task") as a domain function would, and fans it out. */
export async function fanOut(db: Db, kind: string, payload: Record<string, unknown>) {
  const [id] = await db.transaction((tx) =>
    enqueueOutbox(tx, { kind: 'notification', topic: `${kind}.${payload.event}`, payload }),
  );
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  const result = await fanOutNotification(db, row, { publicUrl: 'https://vigil.test' });
  return { row, result };
}

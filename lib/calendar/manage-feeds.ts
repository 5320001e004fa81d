import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { calendarFeeds, users, type CalendarFeed } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan, can } from '@/lib/auth/permissions';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { isOwner } from '@/lib/owners/owner';
import { getSchedule } from '@/lib/schedules/generate';
import { parseInput } from '@/lib/validation';
import { hashFeedSecret, newFeedSecret } from './feed-secret';

// Making and revoking the secret feed URLs. "Create a new one" is the same call as the
// first creation: the live feed (if any) is revoked and its successor written in one
// transaction, with one activity row, so there is never a moment with two or with none
// by accident. The secret is returned once and never stored.

/** Whose feed: a person's or a schedule's. */
export type FeedSubject = { userId: string } | { scheduleId: string };

const personInput = z.object({ userId: z.uuid('Choose a person.') });
const scheduleInput = z.object({ scheduleId: z.uuid('Choose a schedule.') });

function subjectColumn(subject: FeedSubject) {
  return 'userId' in subject
    ? eq(calendarFeeds.userId, subject.userId)
    : eq(calendarFeeds.scheduleId, subject.scheduleId);
}

function activityEntity(subject: FeedSubject) {
  return 'userId' in subject
    ? { entityType: 'user', entityId: subject.userId }
    : { entityType: 'schedule', entityId: subject.scheduleId };
}

/** Only the person themself makes their feed: it shows everything they own and watch. */
function assertOwnPerson(actor: Actor, userId: string): void {
  assertCan(actor, 'tickets.view');
  if (actor.kind === 'user' && actor.userId !== userId) throw new ForbiddenError();
}

/**
 * A schedule's team feed is made or revoked by those who manage schedules, or by whoever
 * owns the schedule (the person, or a member of the owning team) and works tickets.
 */
export async function mayManageScheduleFeed(
  db: DbOrTx,
  actor: Actor,
  schedule: { ownerUserId: string | null; ownerTeamId: string | null },
): Promise<boolean> {
  if (can(actor, 'schedules.manage')) return true;
  if (actor.kind !== 'user' || !can(actor, 'tickets.work')) return false;
  return isOwner(db, actor.userId, schedule);
}

async function assertScheduleFeedAllowed(db: DbOrTx, actor: Actor, scheduleId: string) {
  assertCan(actor, 'tickets.view');
  const schedule = await getSchedule(db, scheduleId);
  if (!schedule) throw new NotFoundError('That schedule does not exist.');
  if (!(await mayManageScheduleFeed(db, actor, schedule))) throw new ForbiddenError();
}

async function replaceFeed(
  tx: Tx,
  actor: Actor,
  subject: FeedSubject,
): Promise<{ secret: string; feed: CalendarFeed }> {
  // Two "create a new one" clicks at once would both find no live feed to revoke; the
  // second waits here and then revokes the first's.
  const key = 'userId' in subject ? subject.userId : subject.scheduleId;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`calendar-feed:${key}`}))`);
  await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(subjectColumn(subject), isNull(calendarFeeds.revokedAt)));
  const secret = newFeedSecret();
  const [feed] = await tx
    .insert(calendarFeeds)
    .values({
      ...subject,
      secretHash: hashFeedSecret(secret),
      createdById: actor.kind === 'user' ? actor.userId : null,
    })
    .returning();
  // The words say it all ("made a new calendar feed address for …"); feed ids mean nothing to a reader.
  await recordActivity(tx, actor, { action: 'calendar-feed.created', ...activityEntity(subject) });
  return { secret, feed };
}

async function revokeFeed(tx: Tx, actor: Actor, subject: FeedSubject): Promise<void> {
  const [revoked] = await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(subjectColumn(subject), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  if (!revoked)
    throw new NotFoundError('There is no calendar feed to revoke: it was revoked already.');
  await recordActivity(tx, actor, { action: 'calendar-feed.revoked', ...activityEntity(subject) });
}

/** Makes (or replaces) a person's feed; returns the secret, the only time it is known. */
export async function createPersonCalendarFeed(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof personInput>,
): Promise<{ secret: string; feed: CalendarFeed }> {
  const input = parseInput(personInput, rawInput);
  assertOwnPerson(actor, input.userId);
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ active: users.active })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!person?.active) throw new NotFoundError('That person does not exist or is deactivated.');
    return replaceFeed(tx, actor, input);
  });
}

/** The person, or an administrator (a leaked link), revokes a person's feed. */
export async function revokePersonCalendarFeed(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof personInput>,
): Promise<void> {
  const input = parseInput(personInput, rawInput);
  if (!can(actor, 'users.manage')) assertOwnPerson(actor, input.userId);
  await db.transaction((tx) => revokeFeed(tx, actor, input));
}

/** Makes (or replaces) a schedule's team feed. */
export async function createScheduleCalendarFeed(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof scheduleInput>,
): Promise<{ secret: string; feed: CalendarFeed }> {
  const input = parseInput(scheduleInput, rawInput);
  await assertScheduleFeedAllowed(db, actor, input.scheduleId);
  return db.transaction((tx) => replaceFeed(tx, actor, input));
}

export async function revokeScheduleCalendarFeed(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof scheduleInput>,
): Promise<void> {
  const input = parseInput(scheduleInput, rawInput);
  await assertScheduleFeedAllowed(db, actor, input.scheduleId);
  await db.transaction((tx) => revokeFeed(tx, actor, input));
}

/** The live feed of a person or schedule, for the settings and schedule pages (never its secret). */
export async function getLiveCalendarFeed(
  db: DbOrTx,
  subject: FeedSubject,
): Promise<Pick<CalendarFeed, 'id' | 'createdAt' | 'lastFetchedAt'> | undefined> {
  const [feed] = await db
    .select({
      id: calendarFeeds.id,
      createdAt: calendarFeeds.createdAt,
      lastFetchedAt: calendarFeeds.lastFetchedAt,
    })
    .from(calendarFeeds)
    .where(and(subjectColumn(subject), isNull(calendarFeeds.revokedAt)));
  return feed;
}

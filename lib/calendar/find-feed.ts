import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { calendarFeeds, taskSchedules, users } from '@/db/schema';
import { hashFeedSecret } from './feed-secret';

// The feed a secret URL stands for: live (not revoked), of a person still active, or of a
// schedule. Anything else is "no such feed": the route answers 404 (not 401), since a
// calendar client cannot prompt for anything and should simply stop asking.

const FETCH_RECORDED_EVERY = sql`interval '10 minutes'`;

async function noteFetched(db: DbOrTx, feedId: string): Promise<void> {
  await db
    .update(calendarFeeds)
    .set({ lastFetchedAt: sql`now()` })
    .where(
      and(
        eq(calendarFeeds.id, feedId),
        or(
          isNull(calendarFeeds.lastFetchedAt),
          lt(calendarFeeds.lastFetchedAt, sql`now() - ${FETCH_RECORDED_EVERY}`),
        ),
      ),
    );
}

export async function findPersonFeed(db: DbOrTx, secret: string) {
  const [row] = await db
    .select({ feedId: calendarFeeds.id, person: users })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(
      and(
        eq(calendarFeeds.secretHash, hashFeedSecret(secret)),
        isNull(calendarFeeds.revokedAt),
        eq(users.active, true),
      ),
    );
  if (!row) return undefined;
  await noteFetched(db, row.feedId);
  return row.person;
}

export async function findScheduleFeed(db: DbOrTx, secret: string) {
  const [row] = await db
    .select({ feedId: calendarFeeds.id, schedule: taskSchedules })
    .from(calendarFeeds)
    .innerJoin(taskSchedules, eq(taskSchedules.id, calendarFeeds.scheduleId))
    .where(
      and(eq(calendarFeeds.secretHash, hashFeedSecret(secret)), isNull(calendarFeeds.revokedAt)),
    );
  if (!row) return undefined;
  await noteFetched(db, row.feedId);
  return row.schedule;
}

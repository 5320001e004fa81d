import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { incidents, organization, users } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { addHoliday, updateOrganization } from '@/lib/organization/update-organization';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf } from '../support/ticket-fixtures';

// The stored Low/None response target is "end of the next business day" in the
// organization's zone, skipping the holidays administrators record in Settings →
// Organization: both are read from the database (lib/organization/business-calendar.ts).
// The expected day is worked out here by plain calendar arithmetic, not by the code under test.

const ZONE = 'America/Chicago';
let test: TestDatabase;
let db: Db;
let admin: UserActor;

/** The local date and time of an instant in the zone, as 'YYYY-MM-DD HH:mm:ss.SSS'. */
function localTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${parts.fractionalSecond}`;
}

/** The next Monday–Friday after a 'YYYY-MM-DD' date, skipping the given days. */
function nextWeekday(day: string, skip: string[] = []): string {
  const date = new Date(`${day}T12:00:00Z`);
  do date.setUTCDate(date.getUTCDate() + 1);
  while (
    date.getUTCDay() === 0 ||
    date.getUTCDay() === 6 ||
    skip.includes(date.toISOString().slice(0, 10))
  );
  return date.toISOString().slice(0, 10);
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  const [user] = await db
    .insert(users)
    .values({
      email: 'calendar-admin@example.com',
      name: 'Cal Admin',
      role: 'admin',
      timeZone: 'UTC',
    })
    .returning();
  admin = actorOf(user);
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'UTC' });
  // What an administrator does in Settings → Organization.
  await updateOrganization(db, admin, {
    name: 'First Prairie Bank',
    timeZone: ZONE,
    onCallInstructions: '',
    onCallPhone: '',
  });
});
afterAll(() => test?.drop());

describe('the stored response target of a Low or None incident', () => {
  it('ends with the next business day in the organization’s zone, skipping a stored holiday; a severity change to Low does the same', async () => {
    // The next business day after today (in Chicago) is made a holiday, so the target moves
    // to the business day after it. Today is read from a first incident's stored creation
    // time, so a run near midnight cannot disagree with the code about which day it is.
    const { incident: probe } = await createIncident(db, admin, {
      title: 'Probe for today',
      severity: 'none',
    });
    const today = localTime(probe.createdAt, ZONE).slice(0, 10);
    const holiday = nextWeekday(today);
    await addHoliday(db, admin, { day: holiday, name: 'Bank holiday' });
    const expected = `${nextWeekday(today, [holiday])} 23:59:59.999`;

    const { incident: low } = await createIncident(db, admin, {
      title: 'Phishing email reported by a teller',
      severity: 'low',
    });
    const { incident: high } = await createIncident(db, admin, {
      title: 'Later lowered',
      severity: 'high',
    });
    await updateIncident(db, admin, high.id, { version: high.version, severity: 'none' });

    for (const id of [low.id, high.id]) {
      const [stored] = await db.select().from(incidents).where(eq(incidents.id, id));
      if (localTime(stored.createdAt, ZONE).slice(0, 10) !== today)
        throw new Error('Midnight passed in Chicago during the test; run it again.');
      expect(localTime(stored.responseDueAt, ZONE)).toBe(expected);
    }
  });
});

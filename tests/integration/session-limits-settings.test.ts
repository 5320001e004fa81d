import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, organization } from '@/db/schema';
import { getSessionLimits } from '@/lib/auth/session-limits';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { updateOrganization } from '@/lib/organization/update-organization';
import { actorOf, insertUser } from '../support/incident-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

// Settings → Organization: the idle timeout and absolute lifetime of browser sessions, their
// bounds, who may change them, and that the session check reads the new values.

let db: Db;
const test = setUpTestDatabase(async () => {
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'UTC' });
});

const base = {
  name: 'First Prairie Bank',
  timeZone: 'UTC',
  onCallInstructions: '',
  onCallPhone: '',
};

describe('session limits of the organization', () => {
  it('default to 30 minutes idle and 12 hours in all', async () => {
    expect(await getSessionLimits(db, Date.now() + 60_000)).toEqual({
      idleMinutes: 30,
      maxHours: 12,
    });
  });

  it('are set by an administrator, logged, and read by the next session check', async () => {
    const admin = await insertUser(db, 'admin');
    await updateOrganization(db, actorOf(admin), {
      ...base,
      sessionIdleMinutes: '15',
      sessionMaxHours: '8',
    });
    expect(await getSessionLimits(db)).toEqual({ idleMinutes: 15, maxHours: 8 });
    const [row] = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'organization.updated'));
    expect(row.changes).toMatchObject({
      sessionIdleMinutes: { old: 30, new: 15 },
      sessionMaxHours: { old: 12, new: 8 },
    });
  });

  it('refuse values out of bounds with a message, changing nothing', async () => {
    const admin = await insertUser(db, 'admin');
    const cases = [
      [
        { sessionIdleMinutes: '4' },
        'sessionIdleMinutes',
        'Allow at least 5 minutes without activity.',
      ],
      [
        { sessionIdleMinutes: '481' },
        'sessionIdleMinutes',
        'Allow at most 480 minutes (eight hours) without activity.',
      ],
      [{ sessionIdleMinutes: 'soon' }, 'sessionIdleMinutes', 'Give a number of minutes.'],
      [{ sessionMaxHours: '0' }, 'sessionMaxHours', 'Let a session last at least 1 hour.'],
      [{ sessionMaxHours: '25' }, 'sessionMaxHours', 'Let a session last at most 24 hours.'],
      [{ sessionMaxHours: '2.5' }, 'sessionMaxHours', 'Give a whole number of hours.'],
    ] as const;
    for (const [input, field, message] of cases) {
      const error = await rejection(updateOrganization(db, actorOf(admin), { ...base, ...input }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field], JSON.stringify(input)).toBe(message);
    }
    const [org] = await db.select().from(organization);
    expect([org.sessionIdleMinutes, org.sessionMaxHours]).toEqual([15, 8]);
  });

  it('may be changed by administrators only', async () => {
    const power = await insertUser(db, 'power_user');
    const error = await rejection(
      updateOrganization(db, actorOf(power), { ...base, sessionIdleMinutes: '480' }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
  });
});

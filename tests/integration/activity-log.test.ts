import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { pgErrorCode } from '@/db/errors';
import { activityLog, users } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { getUserByEmail } from '@/lib/users/get-users';
import { updateUser } from '@/lib/users/update-user';
import { setUpTestDatabase } from '../support/test-database-hooks';

const system = systemActor('test');

let db: Db;

setUpTestDatabase((created) => (db = created.db));

async function activityCount(): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(activityLog);
  return n;
}

async function refusal(statement: ReturnType<typeof sql>): Promise<unknown> {
  try {
    await db.execute(statement);
  } catch (error) {
    return error;
  }
  throw new Error('expected PostgreSQL to refuse the statement');
}

function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : (error as Error).message;
}

describe('activity log', () => {
  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await createUser(db, system, { email: 'logged@example.com', name: 'Logged', role: 'user' });
    const before = await db.select().from(activityLog).orderBy(activityLog.id);
    expect(before.length).toBeGreaterThan(0);

    const update = await refusal(sql`update activity_log set action = 'forged', changes = '{}'`);
    expect(pgErrorCode(update)).toBe('42501');
    expect(messageOf(update)).toMatch(/append-only: UPDATE/);

    const remove = await refusal(sql`delete from activity_log where id = ${before[0].id}`);
    expect(pgErrorCode(remove)).toBe('42501');
    expect(messageOf(remove)).toMatch(/append-only: DELETE/);

    const truncate = await refusal(sql`truncate activity_log`);
    expect(pgErrorCode(truncate)).toBe('42501');
    expect(messageOf(truncate)).toMatch(/append-only: TRUNCATE/);

    expect(await db.select().from(activityLog).orderBy(activityLog.id)).toEqual(before);
  });

  it('accepts new rows (it is append-only, not read-only)', async () => {
    const before = await activityCount();
    await createUser(db, system, { email: 'appended@example.com', name: 'Appended', role: 'user' });
    expect(await activityCount()).toBe(before + 1);
  });

  it('keeps neither the change nor its row when a domain function fails after writing', async () => {
    // createUser inserts the user, then finds the team missing: both must roll back.
    const before = await activityCount();
    const error = await createUser(db, system, {
      email: 'half@example.com',
      name: 'Half Made',
      role: 'user',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toHaveProperty('teamIds');
    expect(await getUserByEmail(db, 'half@example.com')).toBeUndefined();
    expect(await activityCount()).toBe(before);
  });

  it('keeps no change when writing its activity row fails', async () => {
    const { user } = await createUser(db, system, {
      email: 'renamed@example.com',
      name: 'Before',
      role: 'user',
    });
    // Make the log refuse this one action, to fail the write that comes after the change.
    await db.execute(
      sql.raw(`
      create function refuse_user_updated() returns trigger language plpgsql as $$
      begin raise exception 'test: activity row refused'; end $$;
      create trigger refuse_user_updated before insert on activity_log
        for each row when (new.action = 'user.updated') execute function refuse_user_updated();`),
    );
    try {
      const error = await updateUser(db, system, user.id, { name: 'After' }).catch(
        (e: unknown) => e,
      );
      expect(messageOf(error)).toMatch(/activity row refused/);
    } finally {
      await db.execute(
        sql.raw(
          'drop trigger refuse_user_updated on activity_log; drop function refuse_user_updated();',
        ),
      );
    }
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row.name).toBe('Before');

    // With the log accepting rows again, the same change goes through with its row.
    await updateUser(db, system, user.id, { name: 'After' });
    const logged = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.entityId, user.id))
      .orderBy(activityLog.id);
    expect(logged.map((r) => r.action)).toEqual(['user.created', 'user.updated']);
  });
});

import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { pgErrorCode } from '@/db/errors';
import { activityLog, outbox, tasks } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { createTask } from '@/lib/tasks/create-task';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertTeam, insertUser } from '../support/incident-fixtures';

let test: TestDatabase;
let db: Db;

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
});
afterAll(() => test?.drop());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

async function activityOf(taskId: string) {
  return db.select().from(activityLog).where(eq(activityLog.entityId, taskId)).orderBy(activityLog.id);
}

describe('createTask', () => {
  it('opens a numbered task, logs it and queues the "opened" notification in one transaction', async () => {
    const owner = await insertUser(db, 'user', { name: 'Justin Park' });
    const watcher = await insertUser(db, 'user', { name: 'Sara Lopez' });
    const { task, created } = await createTask(db, actorOf(owner), {
      title: 'Review new user accounts',
      owner: `user:${owner.id}`,
      watchers: [{ userId: watcher.id, frequency: 'opened_closed' }],
      dueAt: '2027-03-05T23:59:59-06:00',
      tags: ['Access', 'access', ' SOX '],
    });
    expect(created).toBe(true);
    expect(task.number).toBeGreaterThanOrEqual(2001);
    expect(task.state).toBe('open');
    expect(task.tags).toEqual(['access', 'sox']);
    const log = await activityOf(task.id);
    expect(log.map((r) => r.action)).toEqual(['task.created']);
    expect(log[0].changes.watchers).toEqual({ old: [], new: ['Sara Lopez (opened and closed)'] });
    const queued = await db.select().from(outbox).where(sql`${outbox.payload}->>'entityId' = ${task.id}`);
    expect(queued.map((r) => r.topic)).toEqual(['task.opened']);
  });

  it('creates one task per schedule occurrence, however often it is asked', async () => {
    const system = systemActor('worker:schedules');
    const scheduleId = randomUUID();
    const occurrenceAt = new Date('2027-03-01T14:00:00Z');
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => createTask(db, system, { title: 'User Account Created — March 2027', scheduleId, occurrenceAt })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.task.id)).size).toBe(1);
    const [{ n }] = await db.select({ n: count() }).from(tasks).where(eq(tasks.scheduleId, scheduleId));
    expect(n).toBe(1);
    expect(await activityOf(results[0].task.id)).toHaveLength(1);
  });

  it('composes inside a caller transaction', async () => {
    const team = await insertTeam(db, 'TRAC');
    const result = await db.transaction((tx) => createTask(tx, systemActor('test'), { title: 'In a tx', owner: `team:${team}` }));
    expect(result.task.ownerTeamId).toBe(team);
  });

  it('is refused to read-only users and checks its input', async () => {
    const reader = await insertUser(db, 'read_only');
    expect(await rejection(createTask(db, actorOf(reader), { title: 'Nope' }))).toBeInstanceOf(ForbiddenError);
    const user = await insertUser(db, 'user');
    const invalid = await rejection(createTask(db, actorOf(user), { title: ' ', owner: 'user:nobody' }));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(Object.keys((invalid as ValidationError).fieldErrors).sort()).toEqual(['owner', 'title']);
  });
});

describe('the database', () => {
  it('refuses DELETE and TRUNCATE on tasks and their notes', async () => {
    const { task } = await createTask(db, systemActor('test'), { title: 'Evidence' });
    for (const statement of [sql`delete from tasks where id = ${task.id}`, sql`truncate tasks cascade`, sql`truncate task_notes`, sql`truncate task_attachments`]) {
      const error = await rejection(db.execute(statement));
      expect(pgErrorCode(error)).toBe('42501');
    }
    const [{ n }] = await db.select({ n: count() }).from(tasks).where(eq(tasks.id, task.id));
    expect(n).toBe(1);
  });
});

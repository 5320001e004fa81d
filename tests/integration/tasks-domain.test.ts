import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { pgErrorCode } from '@/db/errors';
import { activityLog, outbox, taskNotes, tasks } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { addTaskAttachment, addTaskNote } from '@/lib/tasks/evidence';
import { changeTaskState, closeTask } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { countOverdueTasks, getOverdueTasks } from '@/lib/tasks/overdue';
import { updateTask } from '@/lib/tasks/update-task';
import { actorOf, insertTeam, insertUser } from '../support/ticket-fixtures';
import { createSchedules } from '../support/schedule-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';
import { createTestDatabase } from '../support/database';

let db: Db;

setUpTestDatabase((created) => (db = created.db));

async function activityOf(taskId: string) {
  return db
    .select()
    .from(activityLog)
    .where(eq(activityLog.entityId, taskId))
    .orderBy(activityLog.id);
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
    const queued = await db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'entityId' = ${task.id}`);
    expect(queued.map((r) => r.topic)).toEqual(['task.opened']);
  });

  it('creates one task per schedule occurrence, however often it is asked', async () => {
    const system = systemActor('worker:schedules');
    // tasks.schedule_id references task_schedules (added by the schedules migration).
    const [scheduleId] = await createSchedules(db, 1);
    const occurrenceAt = new Date('2027-03-01T14:00:00Z');
    const results = await Promise.all(
      [1, 2, 3, 4].map(() =>
        createTask(db, system, {
          title: 'User Account Created — March 2027',
          scheduleId,
          occurrenceAt,
          periodKey: 'month:2027-03',
        }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.task.id)).size).toBe(1);
    const [{ n }] = await db
      .select({ n: count() })
      .from(tasks)
      .where(eq(tasks.scheduleId, scheduleId));
    expect(n).toBe(1);
    expect(await activityOf(results[0].task.id)).toHaveLength(1);
  });

  it('composes inside a caller transaction', async () => {
    const team = await insertTeam(db, 'TRAC');
    const result = await db.transaction((tx) =>
      createTask(tx, systemActor('test'), { title: 'In a tx', owner: `team:${team}` }),
    );
    expect(result.task.ownerTeamId).toBe(team);
  });

  it('is refused to read-only users and checks its input', async () => {
    const reader = await insertUser(db, 'read_only');
    expect(await rejection(createTask(db, actorOf(reader), { title: 'Nope' }))).toBeInstanceOf(
      ForbiddenError,
    );
    const user = await insertUser(db, 'user');
    const invalid = await rejection(
      createTask(db, actorOf(user), { title: ' ', owner: 'user:nobody' }),
    );
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(Object.keys((invalid as ValidationError).fieldErrors).sort()).toEqual([
      'owner',
      'title',
    ]);
  });
});

describe('the database', () => {
  it('refuses DELETE and TRUNCATE on tasks and their notes', async () => {
    const { task } = await createTask(db, systemActor('test'), { title: 'Evidence' });
    for (const statement of [
      sql`delete from tasks where id = ${task.id}`,
      sql`truncate tasks cascade`,
      sql`truncate task_notes`,
      sql`truncate task_attachments`,
    ]) {
      const error = await rejection(db.execute(statement));
      expect(pgErrorCode(error)).toBe('42501');
    }
    const [{ n }] = await db.select({ n: count() }).from(tasks).where(eq(tasks.id, task.id));
    expect(n).toBe(1);
  });
});

describe('permissions per role', () => {
  it('lets admins, power users and users work tasks; read-only users change nothing', async () => {
    const owner = await insertUser(db, 'user');
    for (const role of ['admin', 'power_user', 'user'] as const) {
      const actor = actorOf(await insertUser(db, role));
      const { task } = await createTask(db, actor, {
        title: `By ${role}`,
        owner: `user:${owner.id}`,
      });
      const updated = await updateTask(db, actor, task.id, {
        version: task.version,
        title: `Edited by ${role}`,
      });
      await addTaskNote(db, actor, task.id, { body: 'Looked at it' });
      const closed = await closeTask(db, actor, task.id, {
        version: updated.version,
        from: 'open',
        findings: 'All fine',
      });
      expect(closed.state).toBe('closed');
    }
    const reader = actorOf(await insertUser(db, 'read_only'));
    const { task } = await createTask(db, systemActor('test'), { title: 'Read only target' });
    for (const attempt of [
      updateTask(db, reader, task.id, { version: task.version, title: 'No' }),
      changeTaskState(db, reader, task.id, {
        version: task.version,
        from: 'open',
        transition: 'close',
        findings: 'No',
      }),
      addTaskNote(db, reader, task.id, { body: 'No' }),
      addTaskAttachment(db, reader, task.id, { fileName: 'a.txt', data: Buffer.from('no') }),
    ]) {
      expect(await rejection(attempt)).toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('states', () => {
  it('needs findings to close and a reason to mark invalid', async () => {
    const actor = actorOf(await insertUser(db, 'user'));
    const { task } = await createTask(db, actor, { title: 'Quarterly firewall review' });
    const noFindings = await rejection(
      changeTaskState(db, actor, task.id, {
        version: task.version,
        from: 'open',
        transition: 'close',
        findings: '  ',
      }),
    );
    expect((noFindings as ValidationError).fieldErrors).toHaveProperty('findings');
    const noReason = await rejection(
      changeTaskState(db, actor, task.id, {
        version: task.version,
        from: 'open',
        transition: 'mark-invalid',
      }),
    );
    expect((noReason as ValidationError).fieldErrors).toHaveProperty('reason');
    const invalid = await changeTaskState(db, actor, task.id, {
      version: task.version,
      from: 'open',
      transition: 'mark-invalid',
      reason: 'Firewall retired in May',
    });
    expect(invalid).toMatchObject({
      state: 'invalid',
      invalidReason: 'Firewall retired in May',
      findings: null,
    });
    expect(invalid.closedAt).toBeInstanceOf(Date);
  });

  it('logs reopening, clears findings, keeps them as a note and in the log', async () => {
    const actor = actorOf(await insertUser(db, 'user'));
    const { task } = await createTask(db, actor, { title: 'Vendor access review' });
    const closed = await closeTask(db, actor, task.id, {
      version: task.version,
      from: 'open',
      findings: 'Reviewed 14 vendor accounts; 2 disabled.',
    });
    const reopened = await changeTaskState(db, actor, task.id, {
      version: closed.version,
      from: 'closed',
      transition: 'reopen',
      reason: 'Missed the VPN accounts',
    });
    expect(reopened).toMatchObject({ state: 'open', findings: null, closedAt: null });
    const log = await activityOf(task.id);
    expect(log.map((r) => r.action)).toEqual(['task.created', 'task.closed', 'task.reopened']);
    expect(log[1].changes.findings).toEqual({
      old: null,
      new: 'Reviewed 14 vendor accounts; 2 disabled.',
    });
    expect(log[2].changes).toMatchObject({
      state: { old: 'closed', new: 'open' },
      reason: { old: null, new: 'Missed the VPN accounts' },
    });
    const notes = await db
      .select()
      .from(taskNotes)
      .where(eq(taskNotes.taskId, task.id))
      .orderBy(taskNotes.createdAt);
    expect(notes.map((n) => n.body)).toEqual([
      'Findings: Reviewed 14 vendor accounts; 2 disabled.',
      'Reopened: Missed the VPN accounts',
    ]);
    const topics = await db
      .select({ topic: outbox.topic })
      .from(outbox)
      .where(sql`${outbox.payload}->>'entityId' = ${task.id}`)
      .orderBy(outbox.id);
    expect(topics.map((t) => t.topic)).toEqual(['task.opened', 'task.closed', 'task.opened']);
  });

  it('refuses a stale version with a message naming who changed it', async () => {
    const dana = await insertUser(db, 'user', { name: 'Dana Whitfield' });
    const other = actorOf(await insertUser(db, 'user'));
    const { task } = await createTask(db, other, { title: 'Conflicting' });
    await updateTask(db, actorOf(dana), task.id, { version: task.version, title: 'Dana was here' });
    const error = await rejection(
      updateTask(db, other, task.id, { version: task.version, title: 'Too late' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/changed by Dana Whitfield at .* reload/);
    const stateError = await rejection(
      closeTask(db, other, task.id, { version: task.version, from: 'open', findings: 'x' }),
    );
    expect(stateError).toBeInstanceOf(ConflictError);
    expect((await getTaskDetail(db, { id: task.id }))!.title).toBe('Dana was here');
  });

  it('queues "assigned" when the owner changes', async () => {
    const actor = actorOf(await insertUser(db, 'user'));
    const newOwner = await insertUser(db, 'user');
    const { task } = await createTask(db, actor, { title: 'Handed over' });
    await updateTask(db, actor, task.id, { version: task.version, owner: `user:${newOwner.id}` });
    const topics = await db
      .select({ topic: outbox.topic })
      .from(outbox)
      .where(sql`${outbox.payload}->>'entityId' = ${task.id}`)
      .orderBy(outbox.id);
    expect(topics.map((t) => t.topic)).toEqual(['task.opened', 'task.updated', 'task.assigned']);
  });
});

describe('evidence', () => {
  it('stores attachments with their detected type and refuses deleting notes', async () => {
    const actor = actorOf(await insertUser(db, 'user'));
    const { task } = await createTask(db, actor, { title: 'With evidence' });
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082',
      'hex',
    );
    const attachment = await addTaskAttachment(db, actor, task.id, {
      fileName: '../../etc/screenshot.txt',
      data: png,
    });
    expect(attachment).toMatchObject({ fileName: 'screenshot.txt', contentType: 'image/png' });
    const tooBig = await rejection(
      addTaskAttachment(db, actor, task.id, {
        fileName: 'big.bin',
        data: Buffer.alloc(25 * 1024 * 1024 + 1),
      }),
    );
    expect((tooBig as ValidationError).fieldErrors).toHaveProperty('file');
    await addTaskNote(db, actor, task.id, { body: 'Evidence attached' });
    for (const statement of [
      sql`delete from task_notes where task_id = ${task.id}`,
      sql`delete from task_attachments where task_id = ${task.id}`,
    ]) {
      expect(pgErrorCode(await rejection(db.execute(statement)))).toBe('42501');
    }
    const detail = await getTaskDetail(db, { number: task.number });
    expect(detail!.notes).toHaveLength(1);
    expect(detail!.attachments).toHaveLength(1);
  });
});

describe('overdue', () => {
  it('counts open tasks past due, overall and for a viewer with their teams', async () => {
    const fresh = await createTestDatabase();
    try {
      const d = fresh.db;
      const team = await insertTeam(d, 'SOC');
      const me = await insertUser(d, 'user', { teamIds: [team] });
      const other = await insertUser(d, 'user');
      const system = systemActor('test');
      const past = new Date(Date.now() - 86_400_000);
      const future = new Date(Date.now() + 86_400_000);
      const mine = await createTask(d, system, {
        title: 'Mine, late',
        owner: `user:${me.id}`,
        dueAt: past,
      });
      await createTask(d, system, { title: 'Team, late', owner: `team:${team}`, dueAt: past });
      await createTask(d, system, { title: 'Other, late', owner: `user:${other.id}`, dueAt: past });
      await createTask(d, system, { title: 'Not yet due', owner: `user:${me.id}`, dueAt: future });
      await createTask(d, system, { title: 'No due date', owner: `user:${me.id}` });
      const done = await createTask(d, system, {
        title: 'Closed late',
        owner: `user:${me.id}`,
        dueAt: past,
      });
      await closeTask(d, system, done.task.id, { version: 1, from: 'open', findings: 'Done' });

      expect(await countOverdueTasks(d)).toBe(3);
      expect(await countOverdueTasks(d, { userId: me.id, teamIds: [team] })).toBe(2);
      expect(await countOverdueTasks(d, { userId: other.id, teamIds: [] })).toBe(1);
      const overdue = await getOverdueTasks(d);
      expect(overdue.map((t) => t.title).sort()).toEqual([
        'Mine, late',
        'Other, late',
        'Team, late',
      ]);
      expect((await getTaskDetail(d, { id: mine.task.id }))!.overdue).toBe(true);
    } finally {
      await fresh.drop();
    }
  });
});

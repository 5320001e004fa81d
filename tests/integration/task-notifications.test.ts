import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  digestItems,
  notificationFanout,
  notificationPreferences,
  organization,
  outbox,
  tasks,
  users,
  type OutboxRow,
} from '@/db/schema';
import { checkTaskRemindersJob, CHECK_TASK_REMINDERS } from '@/jobs/check-task-reminders';
import { startWorker, type RunningWorker } from '@/jobs/start-worker';
import { renderEmail } from '@/lib/email/render-email';
import type { TemplateName } from '@/lib/email/templates';
import { fanOutNotification } from '@/lib/notifications/deliver-notification';
import type { NotificationEvent } from '@/lib/notifications/queue-notification';
import { sendDueDigests } from '@/lib/notifications/send-digests';
import { queueTaskReminders } from '@/lib/notifications/task-reminders';
import { changeTaskState } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';
import { updateTask } from '@/lib/tasks/update-task';
import { createTestRedis, type TestRedis } from '../support/redis';
import { setUpTestDatabase } from '../support/test-database-hooks';
import {
  actorOf,
  fanOut as fanOutAs,
  muteAndDeactivate,
  personMaker,
  recipientCast,
} from '../support/recipient-fixtures';

const CONTEXT = { publicUrl: 'https://vigil.test' };

let db: Db;

const test = setUpTestDatabase(
  async () => {
    db = test.db;
    await db
      .insert(organization)
      .values({ name: 'First Prairie Bank', timeZone: 'America/Chicago' });
  },
  { max: 8 },
);

type Person = typeof users.$inferSelect;

const { person, count: peopleMade } = personMaker(() => db);

const fanOut = (payload: Record<string, unknown>) => fanOutAs(db, 'task', payload);

type QueuedEmail = { template: TemplateName; props: Record<string, unknown> };

/** The emails one notification row fanned out to, by address (queued after `after`, its row by default). */
async function emailsFrom(source: OutboxRow, after = source.id): Promise<Map<string, QueuedEmail>> {
  const fanned = await db
    .select()
    .from(notificationFanout)
    .where(eq(notificationFanout.sourceOutboxId, source.id));
  const mine = new Set(fanned.map((f) => f.userId));
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, 'email'), sql`${outbox.id} > ${after}`));
  const out = new Map<string, QueuedEmail>();
  for (const r of rows) {
    const p = r.payload as {
      to: string;
      template: TemplateName;
      props: Record<string, unknown>;
      mute?: { userId: string; entityType: string };
    };
    if (p.mute && mine.has(p.mute.userId) && !out.has(p.to))
      out.set(p.to, { template: p.template, props: p.props });
  }
  return out;
}

/** Notification rows queued for these tasks, as "event:taskId". */
async function notificationsFor(taskIds: string[]): Promise<string[]> {
  const rows = await db
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.kind, 'notification'), inArray(sql`${outbox.payload}->>'entityId'`, taskIds)),
    )
    .orderBy(outbox.id);
  return rows.map(
    (r) =>
      `${(r.payload as { event: string }).event}:${(r.payload as { entityId: string }).entityId}`,
  );
}

const remindersFor = async (taskIds: string[]) =>
  (await notificationsFor(taskIds)).filter((e) => /^(due-tomorrow|overdue):/.test(e));

describe('who hears of which task event', () => {
  const EVENTS: NotificationEvent[] = [
    'opened',
    'updated',
    'closed',
    'invalid',
    'assigned',
    'due-tomorrow',
    'overdue',
  ];
  // Does a watcher hear of it at all, and with "only when opened and closed"?
  const WATCHERS_HEAR: Record<string, boolean> = {
    opened: true,
    updated: true,
    closed: true,
    invalid: true,
    assigned: false,
    'due-tomorrow': false,
    overdue: false,
  };
  const OPENED_CLOSED_HEARS: Record<string, boolean> = {
    opened: true,
    updated: false,
    closed: true,
    invalid: true,
    assigned: false,
    'due-tomorrow': false,
    overdue: false,
  };
  const TEMPLATE: Record<string, TemplateName> = {
    opened: 'task-opened',
    updated: 'task-updated',
    closed: 'task-closed',
    invalid: 'task-closed',
    assigned: 'task-assigned',
    'due-tomorrow': 'task-due-tomorrow',
    overdue: 'task-overdue',
  };

  let actor: Person;
  let owner: Person;
  let member1: Person;
  let member2: Person;
  let watcherAll: Person;
  let watcherOpenedClosed: Person;
  let personTask: string;
  let teamTask: string;

  beforeAll(async () => {
    const cast = await recipientCast(db, person, () => `Compliance-${peopleMade()}`);
    ({ actor, owner, member1, member2, watcherAll, watcherOpenedClosed } = cast);
    const { watchers } = cast;
    const team = { id: cast.teamId };
    // Overdue by two days, so the "overdue" email has something to count.
    const dueAt = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    personTask = (
      await createTask(db, actorOf(actor), {
        title: 'Owned by a person',
        owner: `user:${owner.id}`,
        watchers,
        dueAt,
      })
    ).task.id;
    teamTask = (
      await createTask(db, actorOf(actor), {
        title: 'Owned by a team',
        owner: `team:${team.id}`,
        watchers,
        dueAt,
      })
    ).task.id;
    await muteAndDeactivate(db, cast, 'task', [personTask, teamTask]);
  });

  for (const event of EVENTS) {
    for (const ownedBy of ['person', 'team'] as const) {
      it(`${event}, task owned by a ${ownedBy}`, async () => {
        const byActor = event !== 'due-tomorrow' && event !== 'overdue';
        const { row, result } = await fanOut({
          entityType: 'task',
          entityId: ownedBy === 'person' ? personTask : teamTask,
          event,
          actorId: byActor ? actor.id : null,
          actorLabel: byActor ? actor.name : 'Vigil (reminders)',
          changes: event === 'updated' ? { title: { old: 'Old title', new: 'New title' } } : {},
          ...(event === 'closed'
            ? { note: 'Reviewed 41 accounts; 3 removed.' }
            : event === 'invalid'
              ? { note: 'Duplicate of last quarter’s.' }
              : {}),
        });
        const emails = await emailsFrom(row);

        const expected = new Set<string>();
        if (ownedBy === 'person') expected.add(owner.email);
        else [member1.email, member2.email].forEach((e) => expected.add(e));
        if (WATCHERS_HEAR[event]) expected.add(watcherAll.email);
        if (OPENED_CLOSED_HEARS[event]) expected.add(watcherOpenedClosed.email);
        expect(new Set(emails.keys())).toEqual(expected);
        expect(emails.has(actor.email)).toBe(false);
        expect(result.emails).toBe(expected.size);

        for (const { template, props } of emails.values()) {
          expect(template).toBe(TEMPLATE[event]);
          expect(String(props.reason)).toMatch(/^You are getting this because/);
          const item = props.item as { url: string; reference: string };
          expect(item.url).toMatch(/^https:\/\/vigil\.test\/tasks\/\d{4,}$/);
          expect(item.reference).toMatch(/^TASK-\d{4,}$/);
          expect(item.url.endsWith(`/${item.reference.slice(5)}`)).toBe(true);
          // Every template renders, with a plain-text part carrying the link.
          const rendered = await renderEmail(template, props);
          expect(rendered.text).toContain(item.url);
        }
        if (ownedBy === 'team')
          expect(String(emails.get(member1.email)!.props.reason)).toContain('a team you belong to');
        if (event === 'updated')
          expect(emails.get(watcherAll.email)!.props.changes).toEqual([
            { label: 'Title', old: 'Old title', new: 'New title' },
          ]);
        if (event === 'closed' || event === 'invalid') {
          expect(emails.get(watcherOpenedClosed.email)!.props).toMatchObject({
            outcome: event,
            note:
              event === 'closed'
                ? 'Reviewed 41 accounts; 3 removed.'
                : 'Duplicate of last quarter’s.',
          });
        }
        if (event === 'overdue')
          expect(emails.values().next().value!.props.daysOverdue).toBeGreaterThanOrEqual(2);

        const again = await fanOutNotification(db, row, CONTEXT);
        expect(again).toEqual({ emails: 0, digestItems: 0, alreadyDone: expected.size });
      });
    }
  }

  it('reminds nobody of a task closed since the reminder was decided', async () => {
    const [t] = await db.select().from(tasks).where(eq(tasks.id, personTask));
    await db
      .update(tasks)
      .set({ state: 'closed', closedAt: new Date() })
      .where(eq(tasks.id, personTask));
    try {
      for (const event of ['due-tomorrow', 'overdue']) {
        const { result } = await fanOut({
          entityType: 'task',
          entityId: personTask,
          event,
          actorId: null,
          actorLabel: 'Vigil (reminders)',
          changes: {},
        });
        expect(result.emails).toBe(0);
      }
    } finally {
      await db
        .update(tasks)
        .set({ state: t.state, closedAt: null })
        .where(eq(tasks.id, personTask));
    }
  });

  it('is fed by the task domain functions, and tells a new owner "assigned" rather than "updated"', async () => {
    const newOwner = await person('NewOwner');
    const { task } = await createTask(db, actorOf(actor), {
      title: 'Fed by the domain',
      owner: `user:${owner.id}`,
      watchers: [{ userId: watcherAll.id, frequency: 'all' }],
    });
    const moved = await updateTask(db, actorOf(actor), task.id, {
      version: task.version,
      owner: `user:${newOwner.id}`,
    });
    const closed = await changeTaskState(db, actorOf(actor), task.id, {
      version: moved.version,
      from: 'open',
      transition: 'close',
      findings: 'All good.',
    });
    await changeTaskState(db, actorOf(actor), task.id, {
      version: closed.version,
      from: 'closed',
      transition: 'reopen',
      reason: 'Missed a system.',
    });
    const rows = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'notification'), sql`${outbox.payload}->>'entityId' = ${task.id}`))
      .orderBy(outbox.id);
    expect(rows.map((r) => r.topic)).toEqual([
      'task.opened',
      'task.updated',
      'task.assigned',
      'task.closed',
      'task.opened',
    ]);

    const heard = async (r: OutboxRow) => {
      const [{ last }] = await db
        .select({ last: sql<number>`coalesce(max(${outbox.id}), 0)::int` })
        .from(outbox);
      await fanOutNotification(db, r, CONTEXT);
      return emailsFrom(r, last);
    };
    const updated = await heard(rows[1]);
    expect([...updated.keys()]).toEqual([watcherAll.email]);
    expect(updated.get(watcherAll.email)!.props.changes).toEqual([
      { label: 'Owner', old: 'Owner', new: 'NewOwner' },
    ]);
    const assigned = await heard(rows[2]);
    expect([...assigned.keys()]).toEqual([newOwner.email]);
    expect(assigned.get(newOwner.email)!.template).toBe('task-assigned');
    const reopened = await heard(rows[4]);
    expect(reopened.get(newOwner.email)).toMatchObject({
      template: 'task-opened',
      props: { reopened: true, note: 'Missed a system.' },
    });
    expect((await renderEmail('task-opened', reopened.get(newOwner.email)!.props)).subject).toMatch(
      /^\[TASK-\d+\] Reopened: Fed by the domain$/,
    );
  });

  it('puts task events in the daily digest, grouped under the task with its link', async () => {
    const reader = await person('DigestReader', { timeZone: 'America/Chicago' });
    await db
      .insert(notificationPreferences)
      .values({ userId: reader.id, delivery: 'digest', digestHour: 8 });
    const { task } = await createTask(db, actorOf(actor), {
      title: 'Digest me',
      watchers: [{ userId: reader.id, frequency: 'all' }],
    });
    const [opened] = await db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.kind, 'notification'), sql`${outbox.payload}->>'entityId' = ${task.id}`),
      );
    expect((await fanOutNotification(db, opened, CONTEXT)).digestItems).toBe(1);
    const { row } = await fanOut({
      entityType: 'task',
      entityId: task.id,
      event: 'invalid',
      actorId: actor.id,
      actorLabel: 'Actor',
      changes: {},
      note: 'Not ours.',
    });
    expect((await emailsFrom(row)).has(reader.email)).toBe(false);
    // Both items happened "yesterday" for the digest slot below.
    await db
      .update(digestItems)
      .set({ createdAt: new Date('2030-01-01T12:00:00Z') })
      .where(eq(digestItems.userId, reader.id));

    expect(await sendDueDigests(db, CONTEXT, new Date('2030-01-02T14:00:00Z'))).toEqual({
      digests: 1,
    });
    const [digest] = (
      await db.select().from(outbox).where(eq(outbox.topic, 'daily-digest'))
    ).filter((r) => (r.payload as { to: string }).to === reader.email);
    const groups = (
      digest.payload as { props: { groups: { reference: string; url: string; lines: string[] }[] } }
    ).props.groups;
    expect(groups).toEqual([
      {
        reference: `TASK-${task.number}`,
        title: 'Digest me',
        url: `https://vigil.test/tasks/${task.number}`,
        lines: [
          expect.stringMatching(/: Actor opened it$/),
          expect.stringMatching(/: Actor marked it invalid: Not ours\.$/),
        ],
      },
    ]);
  });
});

describe('task reminders', () => {
  // America/Chicago (the organization's zone) is UTC-6 in early March 2030.
  it('sends "due tomorrow" once per due date, from 08:00 of the organization’s day before', async () => {
    const owner = await person('DueOwner');
    const { task } = await createTask(db, actorOf(owner), {
      title: 'Due soon',
      owner: `user:${owner.id}`,
      dueAt: new Date('2030-03-05T15:00:00Z'),
    });
    const mine = () =>
      notificationsFor([task.id]).then((n) => n.filter((e) => e.startsWith('due-tomorrow')));

    await queueTaskReminders(db, new Date('2030-03-04T13:59:00Z')); // 07:59 on the 4th
    expect(await mine()).toEqual([]);
    await queueTaskReminders(db, new Date('2030-03-04T14:00:00Z')); // 08:00 on the 4th
    await queueTaskReminders(db, new Date('2030-03-04T14:01:00Z'));
    await queueTaskReminders(db, new Date('2030-03-05T02:00:00Z')); // 20:00 on the 4th
    expect(await mine()).toEqual([`due-tomorrow:${task.id}`]);

    // A new due date is a new reminder; the old one is not sent again.
    await updateTask(db, actorOf(owner), task.id, {
      version: task.version,
      dueAt: new Date('2030-03-07T15:00:00Z'),
    });
    await queueTaskReminders(db, new Date('2030-03-05T14:00:00Z'));
    expect(await mine()).toHaveLength(1);
    await queueTaskReminders(db, new Date('2030-03-06T14:00:00Z'));
    await queueTaskReminders(db, new Date('2030-03-06T18:00:00Z'));
    expect(await mine()).toEqual([`due-tomorrow:${task.id}`, `due-tomorrow:${task.id}`]);
  });

  // The 4th of March 2030 passes without a worker; it comes back on the 5th, the due day.
  it('still sends the "due" reminder owed yesterday when the worker comes back on the due day before the task falls due', async () => {
    const owner = await person('BackOnDueDay');
    const { task } = await createTask(db, actorOf(owner), {
      title: 'Due 09:00 on the 5th',
      owner: `user:${owner.id}`,
      dueAt: new Date('2030-03-05T15:00:00Z'),
    });
    const mine = () => remindersFor([task.id]);

    await queueTaskReminders(db, new Date('2030-03-05T14:00:00Z')); // 08:00 CST on the 5th, an hour before it is due
    await queueTaskReminders(db, new Date('2030-03-05T14:30:00Z'));
    expect(await mine()).toEqual([`due-tomorrow:${task.id}`]);
    await queueTaskReminders(db, new Date('2030-03-05T16:00:00Z')); // past due: the overdue one follows, not a second "due"
    expect(await mine()).toEqual([`due-tomorrow:${task.id}`, `overdue:${task.id}`]);
  });

  it('lets the overdue reminder stand for a "due" reminder the worker missed entirely, and owes none to a task created on its due day', async () => {
    const owner = await person('BackTooLate');
    const missed = (
      await createTask(db, actorOf(owner), {
        title: 'Due 09:00 on the 5th',
        owner: `user:${owner.id}`,
        dueAt: new Date('2030-03-05T15:00:00Z'),
      })
    ).task;
    const sameDay = (
      await createTask(db, actorOf(owner), {
        title: 'Opened on its due day',
        owner: `user:${owner.id}`,
        dueAt: new Date('2030-03-05T23:00:00Z'),
      })
    ).task;
    await db
      .update(tasks)
      .set({ createdAt: new Date('2030-03-05T13:00:00Z') })
      .where(eq(tasks.id, sameDay.id)); // 07:00 CST on the 5th

    await queueTaskReminders(db, new Date('2030-03-05T16:00:00Z')); // 10:00 on the 5th: one due at 09:00 is overdue
    await queueTaskReminders(db, new Date('2030-03-05T20:00:00Z'));
    expect(await remindersFor([missed.id])).toEqual([`overdue:${missed.id}`]);
    expect(await remindersFor([sameDay.id])).toEqual([]);
  });

  it('sends "overdue" once per organization day until the task is closed', async () => {
    const owner = await person('LateOwner');
    const { task } = await createTask(db, actorOf(owner), {
      title: 'Running late',
      owner: `user:${owner.id}`,
      dueAt: new Date('2030-04-10T15:00:00Z'),
    });
    const unowned = (
      await createTask(db, actorOf(owner), {
        title: 'Nobody’s',
        dueAt: new Date('2030-04-10T15:00:00Z'),
      })
    ).task;
    const overdue = () =>
      notificationsFor([task.id, unowned.id]).then((n) => n.filter((e) => e.startsWith('overdue')));

    await queueTaskReminders(db, new Date('2030-04-10T14:59:00Z')); // not due yet
    expect(await overdue()).toEqual([]);
    await queueTaskReminders(db, new Date('2030-04-10T16:00:00Z')); // 11:00 CDT on the 10th, an hour late
    await queueTaskReminders(db, new Date('2030-04-10T22:00:00Z'));
    await queueTaskReminders(db, new Date('2030-04-11T04:30:00Z')); // 23:30 CDT, still the 10th there
    expect(await overdue()).toEqual([`overdue:${task.id}`]);

    await queueTaskReminders(db, new Date('2030-04-11T12:59:00Z')); // 07:59 on the 11th: not yet
    expect(await overdue()).toHaveLength(1);
    await queueTaskReminders(db, new Date('2030-04-11T13:00:00Z')); // 08:00 on the 11th
    await queueTaskReminders(db, new Date('2030-04-11T20:00:00Z'));
    expect(await overdue()).toEqual([`overdue:${task.id}`, `overdue:${task.id}`]);

    await changeTaskState(db, actorOf(owner), task.id, {
      version: task.version,
      from: 'open',
      transition: 'close',
      findings: 'Done at last.',
    });
    await queueTaskReminders(db, new Date('2030-04-12T13:00:00Z'));
    await queueTaskReminders(db, new Date('2030-04-13T13:00:00Z'));
    expect(await overdue()).toHaveLength(2);
  });
});

describe('task reminders from the worker', () => {
  let redis: TestRedis;
  const workers: RunningWorker[] = [];
  beforeAll(() => {
    redis = createTestRedis();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await redis?.flush();
  });

  async function runJobOnce(): Promise<void> {
    const worker = await startWorker({
      databaseUrl: test.url,
      redisUrl: redis.url,
      prefix: redis.prefix,
      concurrency: 1,
      jobs: [checkTaskRemindersJob],
    });
    workers.push(worker);
    const job = await worker.queue.add(CHECK_TASK_REMINDERS, {});
    for (let waited = 0; !(await job.isCompleted()); waited += 50) {
      if (waited > 10_000)
        throw new Error(`the reminder job did not complete: ${await job.getState()}`);
      await sleep(50);
    }
    await worker.close();
    workers.splice(workers.indexOf(worker), 1);
  }

  it('decides from PostgreSQL: a Redis that lost everything does not repeat a reminder', async () => {
    // The job reads the clock: pick the organization's zone so that it is midday there now.
    const offset = 12 - new Date().getUTCHours(); // hours ahead of UTC
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    await db.update(organization).set({ timeZone: zone });
    try {
      const owner = await person('WorkerOwner');
      const late = (
        await createTask(db, actorOf(owner), {
          title: 'Late',
          owner: `user:${owner.id}`,
          dueAt: new Date(Date.now() - 3 * 24 * 3600 * 1000),
        })
      ).task;
      const soon = (
        await createTask(db, actorOf(owner), {
          title: 'Soon',
          owner: `user:${owner.id}`,
          dueAt: new Date(Date.now() + 24 * 3600 * 1000),
        })
      ).task;

      await runJobOnce();
      const first = (await notificationsFor([late.id, soon.id])).filter(
        (e) => !e.startsWith('opened'),
      );
      expect(first.sort()).toEqual([`due-tomorrow:${soon.id}`, `overdue:${late.id}`].sort());

      // Redis restarted empty: schedules, completed jobs and any dedup state are gone.
      await redis.flush();
      await runJobOnce();
      expect(
        (await notificationsFor([late.id, soon.id])).filter((e) => !e.startsWith('opened')).sort(),
      ).toEqual(first.sort());
    } finally {
      await db.update(organization).set({ timeZone: 'America/Chicago' });
    }
  });
});

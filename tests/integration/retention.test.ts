import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  devMailbox,
  digestItems,
  notificationFanout,
  organization,
  outbox,
  taskDueReminders,
  taskOverdueReminders,
  tasks,
} from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ForbiddenError } from '@/lib/errors';
import { queueTaskReminders } from '@/lib/notifications/task-reminders';
import { pruneRetainedRecords } from '@/lib/retention/prune-retained-records';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertUser } from '../support/ticket-fixtures';

const DAY = 24 * 3600_000;

let test: TestDatabase;
let db: Db;

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'UTC' });
});
afterAll(() => test?.drop());

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

describe('retention', () => {
  it('prunes delivered bookkeeping past the retention, keeps evidence and what still guards a reminder, and logs the run', async () => {
    // Noon today (UTC, the organization's zone): reminders are due from 08:00.
    const now = new Date(`${utcDay(new Date())}T12:00:00Z`);
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const owner = await insertUser(db);

    // Outbox: old sent (pruned), recent sent, old failed (an administrator must see it), old pending.
    const [sentOld, sentNew, failedOld, pendingOld, notificationSent, notificationFailed] = await db
      .insert(outbox)
      .values([
        {
          kind: 'email',
          topic: 'incident-closed',
          status: 'sent',
          createdAt: ago(40),
          deliveredAt: ago(40),
        },
        {
          kind: 'email',
          topic: 'incident-closed',
          status: 'sent',
          createdAt: ago(2),
          deliveredAt: ago(2),
        },
        {
          kind: 'email',
          topic: 'incident-closed',
          status: 'failed',
          createdAt: ago(40),
          lastError: 'SMTP said no',
        },
        {
          kind: 'email',
          topic: 'task-due-tomorrow',
          status: 'pending',
          createdAt: ago(40),
          availableAt: ago(40),
        },
        {
          kind: 'notification',
          topic: 'incident.closed',
          status: 'sent',
          createdAt: ago(40),
          deliveredAt: ago(40),
        },
        { kind: 'notification', topic: 'incident.closed', status: 'failed', createdAt: ago(40) },
      ])
      .returning();
    // Fan-out rows of a delivered notification go; those of a failed one guard its retry.
    await db.insert(notificationFanout).values([
      {
        sourceOutboxId: notificationSent.id,
        userId: owner.id,
        delivery: 'immediate',
        createdAt: ago(40),
      },
      {
        sourceOutboxId: notificationFailed.id,
        userId: owner.id,
        delivery: 'immediate',
        createdAt: ago(40),
      },
    ]);
    await db.insert(devMailbox).values([
      {
        outboxId: sentOld.id,
        from: 'v@x',
        to: 'a@x',
        subject: 'old',
        html: '',
        text: '',
        createdAt: ago(40),
      },
      {
        outboxId: sentNew.id,
        from: 'v@x',
        to: 'a@x',
        subject: 'new',
        html: '',
        text: '',
        createdAt: ago(2),
      },
    ]);
    const [takenOld, waitingOld, takenNew] = await db
      .insert(digestItems)
      .values([
        {
          userId: owner.id,
          entityType: 'incident',
          entityId: randomUUID(),
          item: {},
          createdAt: ago(40),
          digestOutboxId: sentOld.id,
        },
        {
          userId: owner.id,
          entityType: 'incident',
          entityId: randomUUID(),
          item: {},
          createdAt: ago(40),
        },
        {
          userId: owner.id,
          entityType: 'incident',
          entityId: randomUUID(),
          item: {},
          createdAt: ago(2),
          digestOutboxId: sentNew.id,
        },
      ])
      .returning();

    // Reminder bookkeeping: a task overdue for 40 days, reminded each day (four days kept
    // here), and a task due tomorrow, already reminded today.
    const [overdueTask, dueTomorrow] = await db
      .insert(tasks)
      .values([
        { title: 'Overdue review', ownerUserId: owner.id, dueAt: ago(40) },
        { title: 'Due tomorrow', ownerUserId: owner.id, dueAt: new Date(now.getTime() + DAY) },
      ])
      .returning();
    await db.insert(taskDueReminders).values([
      { taskId: overdueTask.id, dueAt: overdueTask.dueAt!, sentAt: ago(41) },
      { taskId: dueTomorrow.id, dueAt: dueTomorrow.dueAt!, sentAt: ago(0) },
    ]);
    await db.insert(taskOverdueReminders).values(
      [40, 35, 1, 0].map((days) => ({
        taskId: overdueTask.id,
        day: utcDay(ago(days)),
        sentAt: ago(days),
      })),
    );
    const activityBefore = await db.$count(activityLog);

    const result = await pruneRetainedRecords(db, systemActor('retention'), {
      now,
      retentionDays: 30,
      batchSize: 2,
    });
    expect(result).toEqual({
      outbox: 2, // the old sent email and the old sent notification
      notificationFanout: 1,
      devMailbox: 1,
      digestItems: 1,
      taskDueReminders: 1,
      taskOverdueReminders: 2,
    });

    const outboxIds = (await db.select({ id: outbox.id }).from(outbox))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(outboxIds).toEqual(
      [sentNew.id, failedOld.id, pendingOld.id, notificationFailed.id].sort((a, b) => a - b),
    );
    expect((await db.select().from(notificationFanout)).map((f) => f.sourceOutboxId)).toEqual([
      notificationFailed.id,
    ]);
    expect((await db.select().from(devMailbox)).map((m) => m.subject)).toEqual(['new']);
    expect((await db.select().from(digestItems)).map((d) => d.id).sort()).toEqual(
      [waitingOld.id, takenNew.id].sort(),
    );
    expect(takenOld.id).toBeDefined();
    expect((await db.select().from(taskDueReminders)).map((r) => r.taskId)).toEqual([
      dueTomorrow.id,
    ]);
    expect((await db.select().from(taskOverdueReminders)).map((r) => r.day).sort()).toEqual([
      utcDay(ago(1)),
      utcDay(ago(0)),
    ]);

    // Nothing pruned makes a reminder go out again.
    expect(await queueTaskReminders(db, now)).toEqual({ dueTomorrow: 0, overdue: 0 });

    // One activity row per run, from the system, with the counts; nothing else in the log changed.
    const logged = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'retention.pruned'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actorId: null,
      actorLabel: 'system:retention',
      entityType: 'retention',
    });
    expect(logged[0].changes).toMatchObject({
      outbox: { old: null, new: 2 },
      taskOverdueReminders: { old: null, new: 2 },
      retentionDays: { old: null, new: 30 },
    });
    expect(await db.$count(activityLog)).toBe(activityBefore + 1);

    // A second run finds nothing more, and says so.
    const again = await pruneRetainedRecords(db, systemActor('retention'), {
      now,
      retentionDays: 30,
    });
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(await db.$count(activityLog, and(eq(activityLog.action, 'retention.pruned')))).toBe(2);
  });

  it('is refused to a user who is not an administrator, and refuses a retention under a day', async () => {
    const user = await insertUser(db, 'power_user');
    await expect(
      pruneRetainedRecords(db, actorOf(user), { retentionDays: 30 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      pruneRetainedRecords(db, systemActor('retention'), { retentionDays: 0 }),
    ).rejects.toThrow(/at least 1 day/);
    expect(await db.$count(activityLog, sql`${activityLog.actorLabel} like 'power_user%'`)).toBe(0);
  });
});

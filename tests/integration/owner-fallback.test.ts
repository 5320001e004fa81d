import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  devMailbox,
  organization,
  outbox,
  schedulePeriods,
  tasks,
  type Role,
  type TaskSchedule,
  type User,
} from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createDevMailboxTransport } from '@/lib/email/dev-mailbox-transport';
import { renderEmail } from '@/lib/email/render-email';
import { ValidationError } from '@/lib/errors';
import { queueAdministratorNotice } from '@/lib/notifications/administrator-notice';
import { getFallbackOwnerOptions } from '@/lib/organization/fallback-owner';
import { updateOrganization } from '@/lib/organization/update-organization';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { getSchedule } from '@/lib/schedules/generate';
import { resolveGenerationOwner } from '@/lib/schedules/generation-owner';
import { getScheduleDetail } from '@/lib/schedules/get-schedule-detail';
import { getSchedules } from '@/lib/schedules/get-schedules';
import { periodKeyFor } from '@/lib/schedules/period-key';
import { createTask } from '@/lib/tasks/create-task';
import { createTeam } from '@/lib/teams/teams';
import { createUser } from '@/lib/users/create-user';
import { setUserActive } from '@/lib/users/set-user-active';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Case 10 of issue 8: a schedule whose owner is deactivated must not make silently
// unowned tasks. Generation is driven here as the generator does it, in one transaction:
// resolve the owner, create the period's task, record the period, tell the administrators.

const system = systemActor('test');
const generator = systemActor('worker:schedules');

let test: TestDatabase;
let db: Db;
let firstAdmin: User;
let secondAdmin: User;
let dana: User;
let auditor: User;
let trac: { id: string; name: string };
let counter = 0;

function actorOf(user: User): UserActor {
  return { kind: 'user', userId: user.id, name: user.name, email: user.email, role: user.role };
}

async function makeUser(name: string, role: Role): Promise<User> {
  counter += 1;
  const { user } = await createUser(db, system, {
    email: `person-${counter}@example.com`,
    name,
    role,
  });
  return user;
}

const ORGANIZATION = {
  name: 'First Prairie Bank',
  timeZone: 'America/Chicago',
  onCallInstructions: '',
  onCallPhone: '',
  incidentWebhookUrl: '',
};

async function setFallback(owner: string): Promise<void> {
  await updateOrganization(db, actorOf(firstAdmin), { ...ORGANIZATION, fallbackOwner: owner });
}

async function scheduleOwnedBy(owner: User, name: string): Promise<TaskSchedule> {
  return createSchedule(db, system, {
    name,
    owner: `user:${owner.id}`,
    pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] },
    timeOfDay: '08:00',
    timeZone: 'America/Chicago',
    startDate: '2026-01-05',
    dueInDays: 3,
  });
}

/** What the generator does for one period (lib/schedules/generate.ts on the generation branch). */
async function generatePeriod(scheduleId: string, occurrenceAt: Date) {
  return db.transaction(async (tx) => {
    const schedule = (await getSchedule(tx, scheduleId))!;
    const resolved = await resolveGenerationOwner(tx, schedule);
    const periodKey = periodKeyFor(occurrenceAt, schedule.pattern, schedule.timeZone);
    const { task } = await createTask(tx, generator, {
      title: `${schedule.name} ${periodKey}`,
      owner: resolved.owner,
      scheduleId,
      occurrenceAt,
      periodKey,
    });
    await tx
      .insert(schedulePeriods)
      .values({ scheduleId, periodKey, occurrenceAt, outcome: 'task', taskId: task.id });
    if (resolved.fallbackReason)
      await queueAdministratorNotice(tx, {
        kind: 'owner-fallback',
        scheduleId,
        reason: resolved.fallbackReason,
        fallbackOwner: resolved.owner,
      });
    return { task, resolved };
  });
}

async function noticeEmails(scheduleId: string) {
  const rows = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, 'email'), eq(outbox.topic, 'owner-fallback')));
  return rows.filter(
    (r) => (r.payload as { props: { scheduleId?: string } }).props.scheduleId === scheduleId,
  );
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await db
    .insert(organization)
    .values({ name: ORGANIZATION.name, timeZone: ORGANIZATION.timeZone });
  firstAdmin = await makeUser('Alex Kim', 'admin');
  secondAdmin = await makeUser('Morgan Diaz', 'admin');
  dana = await makeUser('Dana Reyes', 'user');
  auditor = await makeUser('Eve Examiner', 'read_only');
  trac = await createTeam(db, system, { name: 'TRAC' });
});
afterAll(() => test?.drop());
beforeEach(async () => {
  await db.update(organization).set({ fallbackOwnerUserId: null, fallbackOwnerTeamId: null });
});

describe('the fallback owner setting', () => {
  it('saves a person or a team through the organization function, logged with old and new', async () => {
    await setFallback(`team:${trac.id}`);
    const [row] = await db.select().from(organization);
    expect(row).toMatchObject({ fallbackOwnerTeamId: trac.id, fallbackOwnerUserId: null });
    const logged = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'organization.updated'));
    expect(logged.at(-1)!.changes).toMatchObject({
      fallbackOwner: { old: null, new: `team:${trac.id}` },
    });
    expect(logged.at(-1)!.actorId).toBe(firstAdmin.id);

    await setFallback(`user:${secondAdmin.id}`);
    expect((await db.select().from(organization))[0]).toMatchObject({
      fallbackOwnerTeamId: null,
      fallbackOwnerUserId: secondAdmin.id,
    });
  });

  it('refuses a read-only person and a deactivated one with a field error, and changes nothing', async () => {
    await setFallback(`team:${trac.id}`);
    const leaver = await makeUser('Lee Leaver', 'user');
    await setUserActive(db, actorOf(firstAdmin), leaver.id, false);
    for (const [person, message] of [
      [auditor, /read-only/i],
      [leaver, /deactivated/i],
    ] as const) {
      const before = await db.select().from(activityLog);
      const error = await setFallback(`user:${person.id}`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).status).toBe(400);
      expect((error as ValidationError).fieldErrors.fallbackOwner).toMatch(message);
      expect((await db.select().from(organization))[0].fallbackOwnerTeamId).toBe(trac.id);
      expect(await db.select().from(activityLog)).toHaveLength(before.length);
    }
  });

  it('offers only active people who can work tasks, and keeps a chosen person who since left visible, marked', async () => {
    const chosen = await makeUser('Quinn Chosen', 'user');
    await setFallback(`user:${chosen.id}`);
    await setUserActive(db, actorOf(firstAdmin), chosen.id, false);
    const offered = await getFallbackOwnerOptions(db, chosen.id);
    const names = offered.people.map((p) => p.name);
    expect(names).toContain('Alex Kim');
    expect(names).not.toContain('Eve Examiner');
    expect(names).not.toContain('Lee Leaver');
    expect(names).toContain('Quinn Chosen (deactivated: the administrators take the tasks)');
    expect(offered.teams.map((t) => t.name)).toContain('TRAC');
    // Saving the other fields keeps the choice as it is, without refusing the form.
    await updateOrganization(db, actorOf(firstAdmin), {
      ...ORGANIZATION,
      onCallPhone: '+1 555 0100',
      fallbackOwner: `user:${chosen.id}`,
    });
    expect((await db.select().from(organization))[0]).toMatchObject({
      fallbackOwnerUserId: chosen.id,
      onCallPhone: '+1 555 0100',
    });
  });
});

describe('a schedule whose owner is deactivated', () => {
  it('gives its tasks to the fallback team, says why, and tells each administrator once, not once per task', async () => {
    const owner = await makeUser('Dana Reyes', 'user');
    const schedule = await scheduleOwnedBy(owner, 'Weekly failed-logon review');
    await setFallback(`team:${trac.id}`);
    await setUserActive(db, actorOf(firstAdmin), owner.id, false);

    const first = await generatePeriod(schedule.id, new Date('2026-01-05T14:00:00Z'));
    const second = await generatePeriod(schedule.id, new Date('2026-01-12T14:00:00Z'));
    for (const { task, resolved } of [first, second]) {
      expect(task).toMatchObject({ ownerTeamId: trac.id, ownerUserId: null });
      expect(resolved.fallbackReason).toBe(
        "Dana Reyes is deactivated; the task went to TRAC, the organization's fallback owner",
      );
    }

    // One email per active administrator, for the first task only.
    const emails = await noticeEmails(schedule.id);
    expect(emails.map((e) => (e.payload as { to: string }).to).sort()).toEqual(
      [firstAdmin.email, secondAdmin.email].sort(),
    );
    // The schedule's own log says it once, with who could not take the tasks and who did.
    const logged = await db
      .select()
      .from(activityLog)
      .where(
        and(
          eq(activityLog.entityId, schedule.id),
          eq(activityLog.action, 'schedule.owner-fallback'),
        ),
      );
    expect(logged).toHaveLength(1);
    expect(logged[0].changes).toMatchObject({
      owner: { old: `user:${owner.id}`, new: `team:${trac.id}` },
    });

    // The schedule's page and the list no longer pretend the old owner takes the tasks.
    const detail = (await getScheduleDetail(db, schedule.id))!;
    expect(detail.ownerFallback).toEqual({
      tasksGoTo: "TRAC (team), the organization's fallback owner",
      reason: 'Dana Reyes is deactivated',
    });
    const list = await getSchedules(db, { status: 'all', limit: 50 });
    expect(list.rows.find((r) => r.id === schedule.id)!.ownerActive).toBe(false);

    // The email links to the schedule and says why the administrator got it; no unsubscribe link.
    const payload = emails[0].payload as {
      template: 'owner-fallback';
      props: Record<string, unknown>;
      mute?: unknown;
    };
    expect(payload.mute).toBeUndefined();
    const rendered = await renderEmail(payload.template, {
      ...payload.props,
      url: 'https://vigil.example.com/schedules/x',
    });
    expect(rendered.subject).toContain('Weekly failed-logon review');
    expect(rendered.text).toContain('Dana Reyes is deactivated');
    expect(rendered.text).toContain('TRAC');
    expect(rendered.text).toContain('https://vigil.example.com/schedules/x');
    expect(rendered.text).toMatch(/administrator/i);
  });

  it('tells the administrators again when the owner is reactivated and later deactivated again', async () => {
    const owner = await makeUser('Riley Return', 'user');
    const schedule = await scheduleOwnedBy(owner, 'Monthly firewall review');
    await setFallback(`team:${trac.id}`);
    await setUserActive(db, actorOf(firstAdmin), owner.id, false);
    await generatePeriod(schedule.id, new Date('2026-01-05T14:00:00Z'));
    await setUserActive(db, actorOf(firstAdmin), owner.id, true);
    const back = await generatePeriod(schedule.id, new Date('2026-01-12T14:00:00Z'));
    expect(back.task.ownerUserId).toBe(owner.id);
    expect(back.resolved.fallbackReason).toBeNull();
    await setUserActive(db, actorOf(firstAdmin), owner.id, false);
    await generatePeriod(schedule.id, new Date('2026-01-19T14:00:00Z'));
    expect(await noticeEmails(schedule.id)).toHaveLength(4);
  });

  it('tells the administrators once when two generators fall back for the same schedule at the same moment', async () => {
    const owner = await makeUser('Kai Racer', 'user');
    const schedule = await scheduleOwnedBy(owner, 'Raced review');
    await setUserActive(db, actorOf(firstAdmin), owner.id, false);
    await Promise.all(
      [0, 1, 2].map((i) =>
        db.transaction(async (tx) => {
          const resolved = await resolveGenerationOwner(tx, (await getSchedule(tx, schedule.id))!);
          await queueAdministratorNotice(tx, {
            kind: 'owner-fallback',
            scheduleId: schedule.id,
            reason: `${resolved.fallbackReason} (${i})`,
            fallbackOwner: resolved.owner,
          });
        }),
      ),
    );
    expect(await noticeEmails(schedule.id)).toHaveLength(2);
  });

  it('without a fallback, gives the task to the longest-standing active administrator', async () => {
    const owner = await makeUser('Jo Gone', 'user');
    const schedule = await scheduleOwnedBy(owner, 'Quarterly access review');
    await setUserActive(db, actorOf(firstAdmin), owner.id, false);
    const { task, resolved } = await generatePeriod(schedule.id, new Date('2026-01-05T14:00:00Z'));
    expect(task.ownerUserId).toBe(firstAdmin.id);
    expect(resolved.fallbackReason).toBe(
      'Jo Gone is deactivated; the task went to Alex Kim, the longest-standing administrator (no fallback owner is chosen in Settings → Organization)',
    );
  });

  it('passes over a fallback person who was deactivated since, and says so', async () => {
    const owner = await makeUser('Pat Former', 'user');
    const fallback = await makeUser('Sam Lee', 'user');
    const schedule = await scheduleOwnedBy(owner, 'Daily log review');
    await setFallback(`user:${fallback.id}`);
    await setUserActive(db, actorOf(firstAdmin), owner.id, false);
    await setUserActive(db, actorOf(firstAdmin), fallback.id, false);
    const { task, resolved } = await generatePeriod(schedule.id, new Date('2026-01-05T14:00:00Z'));
    expect(task.ownerUserId).toBe(firstAdmin.id);
    expect(resolved.fallbackReason).toBe(
      "Pat Former is deactivated; the task went to Alex Kim, the longest-standing administrator (Sam Lee, the organization's fallback owner, is deactivated)",
    );
  });

  it('keeps an active owner, and leaves a deliberately unassigned schedule unassigned', async () => {
    const active = await scheduleOwnedBy(dana, 'Owned review');
    expect(await resolveGenerationOwner(db, active)).toMatchObject({
      owner: `user:${dana.id}`,
      fallbackReason: null,
    });
    const unassigned = await createSchedule(db, system, {
      name: 'Unassigned review',
      pattern: { kind: 'daily' },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-05',
      dueInDays: 1,
    });
    expect(await resolveGenerationOwner(db, unassigned)).toMatchObject({
      owner: '',
      fallbackReason: null,
    });
    expect((await getScheduleDetail(db, active.id))!.ownerFallback).toBeNull();
  });

  it('delivers the notice through the outbox with a link to the schedule', async () => {
    const owner = await makeUser('Chris Left', 'user');
    const schedule = await scheduleOwnedBy(owner, 'Vendor review');
    await setFallback(`team:${trac.id}`);
    await setUserActive(db, actorOf(firstAdmin), owner.id, false);
    await generatePeriod(schedule.id, new Date('2026-01-05T14:00:00Z'));
    const [row] = await noticeEmails(schedule.id);
    const deliver = createEmailDeliverer(
      { publicUrl: 'https://vigil.example.com', authSecret: 'x'.repeat(32) },
      createDevMailboxTransport(db),
      'Vigil <vigil@example.com>',
    );
    await deliver(row);
    const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row.id));
    expect(mail.text).toContain(`https://vigil.example.com/schedules/${schedule.id}`);
    expect(mail.headers['List-Unsubscribe']).toBeUndefined();
    expect(await db.select().from(tasks).where(eq(tasks.scheduleId, schedule.id))).toHaveLength(1);
  });
});

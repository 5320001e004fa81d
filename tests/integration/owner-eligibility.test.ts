import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { incidents, organization, tasks, users, type Role, type User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { getPickerOptions } from '@/lib/pickers';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { resolveGenerationOwner } from '@/lib/schedules/generation-owner';
import { createTask } from '@/lib/tasks/create-task';
import { updateTask } from '@/lib/tasks/update-task';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf } from '../support/ticket-fixtures';

// Only people who can work an item may own it: a read-only owner could never close it.

let test: TestDatabase;
let db: Db;
let admin: User;
let worker: User;
let auditor: User;
let leaver: User;

async function makeUser(name: string, role: Role, active = true): Promise<User> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
  const [user] = await db
    .insert(users)
    .values({ email, name, role, active, timeZone: 'America/Chicago' })
    .returning();
  return user;
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

function weeklySchedule(name: string, owner: User) {
  const when = {
    timeOfDay: '08:00',
    timeZone: 'America/Chicago',
    startDate: '2026-01-05',
    dueInDays: 3,
  };
  return createSchedule(db, systemActor('test'), {
    name,
    owner: `user:${owner.id}`,
    pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] },
    ...when,
  });
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: 'America/Chicago' });
  admin = await makeUser('Alex Kim', 'admin');
  worker = await makeUser('Dana Reyes', 'user');
  auditor = await makeUser('Eve Examiner', 'read_only');
  leaver = await makeUser('Lee Leaver', 'user', false);
});
afterAll(() => test?.drop());

describe('an owner who cannot work the item', () => {
  it('is refused as the owner of a new incident, with a field error naming them, and nothing is written', async () => {
    const error = await refusal(
      createIncident(db, actorOf(admin), { title: 'Phish reported', owner: `user:${auditor.id}` }),
    );
    expect(error.status).toBe(400);
    expect(error.fieldErrors.owner).toMatch(/Eve Examiner is read-only/);
    expect(
      await db.select().from(incidents).where(eq(incidents.title, 'Phish reported')),
    ).toHaveLength(0);
  });

  it('is refused when an incident is handed to them, and the incident keeps its owner', async () => {
    const { incident } = await createIncident(db, actorOf(admin), {
      title: 'Odd login',
      owner: `user:${worker.id}`,
    });
    const error = await refusal(
      updateIncident(db, actorOf(admin), incident.id, {
        version: incident.version,
        owner: `user:${auditor.id}`,
      }),
    );
    expect(error.fieldErrors.owner).toMatch(/read-only/);
    const [after] = await db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(after.ownerUserId).toBe(worker.id);
  });

  it('is refused as the owner of a task, new or edited, and of a schedule', async () => {
    expect(
      (
        await refusal(
          createTask(db, actorOf(admin), { title: 'Review firewall', owner: `user:${auditor.id}` }),
        )
      ).fieldErrors.owner,
    ).toMatch(/read-only/);
    const { task } = await createTask(db, actorOf(admin), {
      title: 'Review access',
      owner: `user:${worker.id}`,
    });
    expect(
      (
        await refusal(
          updateTask(db, actorOf(admin), task.id, {
            version: task.version,
            owner: `user:${auditor.id}`,
          }),
        )
      ).fieldErrors.owner,
    ).toMatch(/read-only/);
    expect((await db.select().from(tasks).where(eq(tasks.id, task.id)))[0].ownerUserId).toBe(
      worker.id,
    );
    expect((await refusal(weeklySchedule('Weekly log review', auditor))).fieldErrors.owner).toMatch(
      /read-only/,
    );
  });

  it('is still refused when deactivated, and a person who can work it is accepted', async () => {
    expect(
      (
        await refusal(
          createIncident(db, actorOf(admin), { title: 'Leaver', owner: `user:${leaver.id}` }),
        )
      ).fieldErrors.owner,
    ).toMatch(/deactivated/);
    const { incident } = await createIncident(db, actorOf(admin), {
      title: 'Worked',
      owner: `user:${worker.id}`,
    });
    expect(incident.ownerUserId).toBe(worker.id);
  });
});

describe('a schedule whose owner became read-only', () => {
  it('hands its next task to the fallback owner and says why, instead of failing to generate', async () => {
    const owner = await makeUser('Rory Rotated', 'user');
    const schedule = await weeklySchedule('Monthly access review', owner);
    await db.update(users).set({ role: 'read_only' }).where(eq(users.id, owner.id));
    const resolved = await resolveGenerationOwner(db, schedule);
    expect(resolved.owner).toBe(`user:${admin.id}`);
    expect(resolved.missingOwner).toBe('Rory Rotated is read-only');
  });
});

describe('the owner picker', () => {
  it('offers active people who can work items as owners, while read-only people may still watch', async () => {
    const options = await getPickerOptions(db);
    const ownerNames = options.owners.map((p) => p.name);
    expect(ownerNames).toEqual(expect.arrayContaining(['Alex Kim', 'Dana Reyes']));
    expect(ownerNames).not.toContain('Eve Examiner');
    expect(ownerNames).not.toContain('Lee Leaver');
    expect(options.people.map((p) => p.name)).toContain('Eve Examiner');
    expect(options.people.map((p) => p.name)).not.toContain('Lee Leaver');
  });
});

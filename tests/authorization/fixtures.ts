import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import type { Incident, Role, Task, User } from '@/db/schema';
import { systemActor, userActor, type UserActor } from '@/lib/auth/actor';
import { API_TOKEN_SCOPES, roleAllowsScope } from '@/lib/auth/api-token-scopes';
import { createApiToken } from '@/lib/auth/api-tokens';
import { ROLES } from '@/lib/auth/roles';
import { createIncident } from '@/lib/incidents/create-incident';
import { createCustomPolicy } from '@/lib/policies/create-policy';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { createTask } from '@/lib/tasks/create-task';
import { insertUser } from '../support/ticket-fixtures';

// The items every matrix cell acts on: one person (and API token) per role, another
// user whose private items (tokens, calendar feeds) nobody else may touch, and one
// existing item of each kind, so a refusal is a refusal of something real, not a 404.

export type MatrixFixtures = {
  db: Db;
  people: Record<Role, User>;
  /** Each person's own API token (the secret, and its row id). */
  tokens: Record<Role, { token: string; id: string }>;
  other: User;
  otherTokenId: string;
  incident: Incident;
  secondIncident: Incident;
  task: Task;
  scheduleId: string;
  policyId: string;
  missingId: string;
};

export const system = systemActor('matrix');

export function actorFor(fixtures: MatrixFixtures, role: Role): UserActor {
  return userActor(fixtures.people[role]);
}

export async function createMatrixFixtures(db: Db): Promise<MatrixFixtures> {
  const people = {} as Record<Role, User>;
  const tokens = {} as MatrixFixtures['tokens'];
  for (const role of ROLES) {
    people[role] = await insertUser(db, role, { name: `Matrix ${role}` });
    const created = await createApiToken(db, system, {
      userId: people[role].id,
      name: `${role} matrix`,
      // Every scope the role may hold, so a refusal is the role's, never the token's.
      scopes: API_TOKEN_SCOPES.filter((scope) => roleAllowsScope(role, scope)),
    });
    tokens[role] = { token: created.token, id: created.record.id };
  }
  const other = await insertUser(db, 'user', { name: 'Someone else' });
  const otherToken = await createApiToken(db, system, { userId: other.id, name: 'theirs' });
  const { incident } = await createIncident(db, system, { title: 'Matrix incident' });
  const { incident: secondIncident } = await createIncident(db, system, { title: 'Second' });
  const { task } = await createTask(db, system, { title: 'Matrix task' });
  const policy = await createCustomPolicy(db, system, {
    reference: `MX-${randomUUID().slice(0, 6)}`,
    title: 'Matrix policy',
  });
  const schedule = await createSchedule(db, system, {
    name: 'Matrix review',
    pattern: { kind: 'monthly-day', day: 1 },
    timeOfDay: '08:00',
    timeZone: 'UTC',
    startDate: '2026-01-01',
    dueInDays: 4,
  });
  return {
    db,
    people,
    tokens,
    other,
    otherTokenId: otherToken.record.id,
    incident,
    secondIncident,
    task,
    scheduleId: schedule.id,
    policyId: policy.id,
    missingId: randomUUID(),
  };
}

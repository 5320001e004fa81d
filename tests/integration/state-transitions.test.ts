import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  incidentNotes,
  incidents,
  outbox,
  taskNotes,
  tasks,
  type TaskState,
  type User,
} from '@/db/schema';
import * as incidentRoute from '@/app/api/v1/incidents/[number]/route';
import * as taskRoute from '@/app/api/v1/tasks/[number]/route';
import { POST as postTaskClose } from '@/app/api/v1/tasks/[number]/close/route';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { ConflictError, ValidationError } from '@/lib/errors';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { changeTaskState } from '@/lib/tasks/change-state';
import { createTask } from '@/lib/tasks/create-task';
import type { TaskTransition } from '@/lib/tasks/schemas';
import { updateTask } from '@/lib/tasks/update-task';
import { rejection, setUpAppTestDatabase } from '../support/test-database-hooks';
import { actorOf, insertUser } from '../support/ticket-fixtures';

// A state change names what the person chose and the state they saw. Each path that moves
// a task or an incident is tried with a stale version and with a start state that no
// longer holds: each must be refused and leave the row, its log, its notes and its outbox
// exactly as they were.

let db: Db;
let dana: User;
let danaActor: UserActor;
let sam: UserActor;
let samToken: string;

const test = setUpAppTestDatabase(async () => {
  db = test.db;
  dana = await insertUser(db, 'user', { name: 'Dana Whitfield', timeZone: 'America/Chicago' });
  danaActor = actorOf(dana);
  const samUser = await insertUser(db, 'user', { name: 'Sam Okafor' });
  sam = actorOf(samUser);
  samToken = (
    await createApiToken(db, systemActor('test'), { userId: samUser.id, name: 'transitions' })
  ).token;
});

/** Everything a refused move must leave alone. */
async function footprint(kind: 'task' | 'incident', id: string) {
  const table = kind === 'task' ? tasks : incidents;
  const notes =
    kind === 'task'
      ? db.select({ n: count() }).from(taskNotes).where(eq(taskNotes.taskId, id))
      : db.select({ n: count() }).from(incidentNotes).where(eq(incidentNotes.incidentId, id));
  const [[row], [activity], [queued], [written]] = await Promise.all([
    db.select({ state: table.state, version: table.version }).from(table).where(eq(table.id, id)),
    db.select({ n: count() }).from(activityLog).where(eq(activityLog.entityId, id)),
    db
      .select({ n: count() })
      .from(outbox)
      .where(sql`${outbox.payload}->>'entityId' = ${id}`),
    notes,
  ]);
  return { ...row, activity: activity.n, outbox: queued.n, notes: written.n };
}

/** The newest activity-log row about an item. */
async function latestActivity(entityId: string) {
  const [row] = await db
    .select()
    .from(activityLog)
    .where(eq(activityLog.entityId, entityId))
    .orderBy(sql`${activityLog.id} desc`)
    .limit(1);
  return row;
}

type Call = { method: string; body: unknown; number: number };
type Handler = (
  request: Request,
  context: { params: Promise<{ number: string }> },
) => Promise<Response>;

/** A route handler called as Next.js calls it, with Sam's token. */
async function call(handler: Handler, { method, body, number }: Call) {
  const request = new Request(`http://vigil.test/api/v1/x/${number}`, {
    method,
    headers: { authorization: `Bearer ${samToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve({ number: String(number) }) });
}

const WORDS = {
  findings: 'Reviewed 12 accounts; none stale.',
  reason: 'The review missed a system.',
};

/** A task in `state`, moved there by Dana: the version after is what a fresh page shows. */
async function taskIn(state: TaskState) {
  const { task } = await createTask(db, danaActor, { title: `Review in ${state}` });
  if (state === 'open') return task;
  return changeTaskState(db, danaActor, task.id, {
    version: task.version,
    from: 'open',
    transition: state === 'closed' ? 'close' : 'mark-invalid',
    ...WORDS,
  });
}

// Each transition, the state it starts from, and a state it cannot start from.
const TASK_CASES: { transition: TaskTransition; from: TaskState; elsewhere: TaskState }[] = [
  { transition: 'close', from: 'open', elsewhere: 'closed' },
  { transition: 'mark-invalid', from: 'open', elsewhere: 'invalid' },
  { transition: 'reopen', from: 'closed', elsewhere: 'open' },
];

describe('task state changes through the domain', () => {
  it.each(TASK_CASES)(
    'refuses $transition against a stale version, changing nothing',
    async ({ transition, from }) => {
      const task = await taskIn(from);
      const edited = await updateTask(db, danaActor, task.id, {
        version: task.version,
        title: 'Renamed by Dana',
      });
      const before = await footprint('task', task.id);
      const error = await rejection(
        changeTaskState(db, sam, task.id, { version: task.version, from, transition, ...WORDS }),
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toMatch(
        /^TASK-\d+ was changed by Dana Whitfield at .* reload to see it\.$/,
      );
      expect(await footprint('task', task.id)).toEqual(before);
      expect(before).toMatchObject({ state: from, version: edited.version });
    },
  );

  it.each(TASK_CASES)(
    'refuses $transition when the task is no longer in the state the panel showed, changing nothing',
    async ({ transition, from, elsewhere }) => {
      // The panel was rendered for `from`; meanwhile the task moved to `elsewhere`. The
      // version sent is the current one, so only the start state can catch it.
      const task = await taskIn(elsewhere);
      const before = await footprint('task', task.id);
      const error = await rejection(
        changeTaskState(db, sam, task.id, { version: task.version, from, transition, ...WORDS }),
      );
      expect(error).toBeInstanceOf(ConflictError);
      const what = { open: 'reopened', closed: 'closed', invalid: 'marked invalid' }[elsewhere];
      expect((error as Error).message).toMatch(
        new RegExp(`^TASK-${task.number} was ${what} by Dana Whitfield at .* reload to see it\\.$`),
      );
      expect(await footprint('task', task.id)).toEqual(before);
    },
  );

  it('on a task just closed, a click meant for "Close task" can never reopen it', async () => {
    const { task } = await createTask(db, sam, { title: 'Weekly failed-logon review' });
    const closed = await changeTaskState(db, danaActor, task.id, {
      version: task.version,
      from: 'open',
      transition: 'close',
      findings: WORDS.findings,
    });
    const before = await footprint('task', task.id);
    // The second click of the panel rendered for the open task.
    const error = await rejection(
      changeTaskState(db, sam, task.id, {
        version: task.version,
        from: 'open',
        transition: 'close',
        findings: 'Again',
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(await footprint('task', task.id)).toEqual({
      ...before,
      state: 'closed',
      version: closed.version,
    });
  });

  it('asks for a reason to reopen, writing nothing without one', async () => {
    const task = await taskIn('closed');
    const before = await footprint('task', task.id);
    for (const reason of [undefined, '   ']) {
      const error = await rejection(
        changeTaskState(db, sam, task.id, {
          version: task.version,
          from: 'closed',
          transition: 'reopen',
          reason,
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toHaveProperty('reason');
    }
    expect(await footprint('task', task.id)).toEqual(before);
  });

  it('keeps the reason for reopening in the log and as a note', async () => {
    const task = await taskIn('invalid');
    const reopened = await changeTaskState(db, sam, task.id, {
      version: task.version,
      from: 'invalid',
      transition: 'reopen',
      reason: 'The firewall is back in service',
    });
    expect(reopened.state).toBe('open');
    const row = await latestActivity(task.id);
    expect(row).toMatchObject({
      action: 'task.reopened',
      changes: {
        state: { old: 'invalid', new: 'open' },
        reason: { new: 'The firewall is back in service' },
      },
    });
    const notes = await db
      .select({ body: taskNotes.body })
      .from(taskNotes)
      .where(eq(taskNotes.taskId, task.id));
    expect(notes.map((n) => n.body)).toContain('Reopened: The firewall is back in service');
  });

  it('refuses a transition that does not start from the state named (400), changing nothing', async () => {
    const task = await taskIn('open');
    const before = await footprint('task', task.id);
    const error = await rejection(
      changeTaskState(db, sam, task.id, {
        version: task.version,
        from: 'open',
        transition: 'reopen',
        reason: 'x',
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(await footprint('task', task.id)).toEqual(before);
  });
});

describe('task state changes through the API', () => {
  const patch = (number: number, body: unknown) =>
    call(taskRoute.PATCH, { method: 'PATCH', number, body });
  const close = (number: number, body: unknown) =>
    call(postTaskClose, { method: 'POST', number, body });

  it.each(TASK_CASES)(
    'PATCH $transition against a stale version is 409, changing nothing',
    async ({ transition, from }) => {
      const task = await taskIn(from);
      await updateTask(db, danaActor, task.id, { version: task.version, title: 'Renamed by Dana' });
      const before = await footprint('task', task.id);
      const response = await patch(task.number, {
        version: task.version,
        from,
        transition,
        ...WORDS,
      });
      expect(response.status).toBe(409);
      expect((await response.json()).error).toMatch(/changed by Dana Whitfield at .* reload/);
      expect(await footprint('task', task.id)).toEqual(before);
    },
  );

  it.each(TASK_CASES)(
    'PATCH $transition from a state the task has left is 409, changing nothing',
    async ({ transition, from, elsewhere }) => {
      const task = await taskIn(elsewhere);
      const before = await footprint('task', task.id);
      const response = await patch(task.number, {
        version: task.version,
        from,
        transition,
        ...WORDS,
      });
      expect(response.status).toBe(409);
      expect((await response.json()).error).toMatch(
        new RegExp(`^TASK-${task.number} was .* by Dana Whitfield`),
      );
      expect(await footprint('task', task.id)).toEqual(before);
    },
  );

  it('PATCH reopen without a reason is 400, changing nothing', async () => {
    const task = await taskIn('closed');
    const before = await footprint('task', task.id);
    for (const body of [
      { version: task.version, from: 'closed', transition: 'reopen' },
      { version: task.version, state: 'open' },
    ]) {
      const response = await patch(task.number, body);
      expect(response.status).toBe(400);
      expect((await response.json()).fields).toHaveProperty('reason');
    }
    expect(await footprint('task', task.id)).toEqual(before);
  });

  it('still takes the older { state, version } body, guarded by the version', async () => {
    const task = await taskIn('open');
    const stale = await patch(task.number, {
      version: task.version + 1,
      state: 'closed',
      findings: 'x',
    });
    expect(stale.status).toBe(409);
    const closed = await patch(task.number, {
      version: task.version,
      state: 'closed',
      findings: WORDS.findings,
    });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ state: 'closed', version: task.version + 1 });
    // Echoing the state it already has changes nothing.
    const echoed = await patch(task.number, {
      version: task.version + 1,
      state: 'closed',
      findings: WORDS.findings,
    });
    expect(echoed.status).toBe(200);
    expect(await echoed.json()).toMatchObject({ state: 'closed', version: task.version + 1 });
  });

  it('POST …/close from a state the task has left, or against a stale version, is 409, changing nothing', async () => {
    const task = await taskIn('invalid');
    const before = await footprint('task', task.id);
    const wrongFrom = await close(task.number, {
      version: task.version,
      from: 'open',
      findings: WORDS.findings,
    });
    expect(wrongFrom.status).toBe(409);
    const stale = await close(task.number, { version: task.version - 1, findings: WORDS.findings });
    expect(stale.status).toBe(409);
    expect(await footprint('task', task.id)).toEqual(before);
  });
});

async function incidentIn(state: 'triage' | 'analysis' | 'resolved' | 'closed') {
  const { incident } = await createIncident(db, danaActor, { title: `Suspicious login, ${state}` });
  if (state === 'triage') return incident;
  return changeIncidentState(db, danaActor, incident.id, {
    version: incident.version,
    from: 'triage',
    to: state,
    note: 'Moved by Dana',
  });
}

describe('incident state changes (the web "Change state" action and PATCH)', () => {
  const patch = (number: number, body: unknown) =>
    call(incidentRoute.PATCH, { method: 'PATCH', number, body });

  it('refuses a move against a stale version, changing nothing', async () => {
    const incident = await incidentIn('triage');
    await updateIncident(db, danaActor, incident.id, {
      version: incident.version,
      title: 'Renamed by Dana',
    });
    const before = await footprint('incident', incident.id);
    const error = await rejection(
      changeIncidentState(db, sam, incident.id, {
        version: incident.version,
        from: 'triage',
        to: 'analysis',
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(
      /^INC-\d+ was changed by Dana Whitfield at .* reload to see it\.$/,
    );
    expect(await footprint('incident', incident.id)).toEqual(before);
  });

  it('refuses a move from a state the incident has left, changing nothing', async () => {
    const incident = await incidentIn('closed');
    const before = await footprint('incident', incident.id);
    const error = await rejection(
      changeIncidentState(db, sam, incident.id, {
        version: incident.version,
        from: 'triage',
        to: 'analysis',
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^INC-${incident.number} was moved to Closed by Dana Whitfield at .* reload to see it\\.$`,
      ),
    );
    expect(await footprint('incident', incident.id)).toEqual(before);
  });

  it.each(['closed', 'resolved'] as const)(
    'asks for a reason to reopen a %s incident, writing nothing without one',
    async (state) => {
      const incident = await incidentIn(state);
      const before = await footprint('incident', incident.id);
      const error = await rejection(
        changeIncidentState(db, sam, incident.id, {
          version: incident.version,
          from: state,
          to: 'analysis',
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toHaveProperty('note');
      const response = await patch(incident.number, {
        version: incident.version,
        from: state,
        to: 'analysis',
      });
      expect(response.status).toBe(400);
      expect(await footprint('incident', incident.id)).toEqual(before);

      const reopened = await changeIncidentState(db, sam, incident.id, {
        version: incident.version,
        from: state,
        to: 'analysis',
        note: 'Beaconing again',
      });
      expect(reopened.state).toBe('analysis');
      const row = await latestActivity(incident.id);
      expect(row).toMatchObject({
        action: 'incident.reopened',
        changes: { note: { new: 'Beaconing again' } },
      });
    },
  );

  it('PATCH from a state the incident has left, or against a stale version, is 409, changing nothing', async () => {
    const incident = await incidentIn('analysis');
    const before = await footprint('incident', incident.id);
    const wrongFrom = await patch(incident.number, {
      version: incident.version,
      from: 'triage',
      to: 'remediation',
    });
    expect(wrongFrom.status).toBe(409);
    expect((await wrongFrom.json()).error).toMatch(/was moved to Analysis by Dana Whitfield/);
    const stale = await patch(incident.number, {
      version: incident.version - 1,
      to: 'remediation',
    });
    expect(stale.status).toBe(409);
    expect(await footprint('incident', incident.id)).toEqual(before);
  });
});

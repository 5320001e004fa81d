import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventTriggerRuns,
  eventTriggers,
  incidentEvents,
  incidentNotes,
  incidents,
  outbox,
  users,
  type User,
} from '@/db/schema';
import { ALL_JOBS, FIXED_SCHEDULERS } from '@/jobs/all-jobs';
import { runTriggersJob, RUN_TRIGGERS } from '@/jobs/run-triggers';
import { lookUpLabels, referencedKeys } from '@/lib/activity/activity-labels';
import { describeAction } from '@/lib/activity/action-words';
import { getActivity } from '@/lib/activity/get-activity';
import type { UserActor } from '@/lib/auth/actor';
import { renderEmail } from '@/lib/email/render-email';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { normalizeEvent } from '@/lib/events/normalize';
import { getEventStore } from '@/lib/events/store';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { createTrigger } from '@/lib/triggers/create-trigger';
import { evaluateNextWindow } from '@/lib/triggers/evaluate-window';
import { getTriggerExample } from '@/lib/triggers/examples';
import { runDueTriggers } from '@/lib/triggers/run-due';
import { setTriggerActive, updateTrigger } from '@/lib/triggers/update-trigger';
import { manualClock } from '../support/manual-clock';
import { actorOf, insertUser } from '../support/ticket-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

// Triggers evaluate their query over consecutive windows, each exactly once, with a clock
// the test moves: a burst opens one incident and later windows add to it; retries, races,
// pauses and broken queries never double or silently drop a window.

let powerUser: UserActor;
let analyst: UserActor;
let auditor: UserActor;
let admin: User;

const test = setUpTestDatabase(
  async ({ db }) => {
    powerUser = actorOf(await insertUser(db, 'power_user'));
    analyst = actorOf(await insertUser(db, 'user'));
    auditor = actorOf(await insertUser(db, 'read_only'));
    admin = await insertUser(db, 'admin');
  },
  { max: 10 },
);

afterEach(async () => {
  // Each test has its own triggers; a run in the next test must not evaluate earlier ones.
  await test.db.update(eventTriggers).set({ active: false, nextRunAt: null });
  await test.db.execute(sql`drop trigger if exists fail_trigger_runs on event_trigger_runs`);
});

const failedLogons = getTriggerExample('failed-logon-burst')!;

function assertNever(result: { reason: string }): never {
  throw new Error(`fixture event refused: ${result.reason}`);
}

/** A unique host per test, so each test's events are its own. */
let hostCounter = 0;
function freshHost(): string {
  hostCounter += 1;
  return `ws-${hostCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

async function logons(at: string, n: number, eventId = '4625', host = freshHost()) {
  const start = new Date(at).getTime();
  const raws = Array.from({ length: n }, (_, i) => ({
    '@timestamp': new Date(start + i * 1_000).toISOString(),
    event_id: eventId,
    hostname: host,
    app_name: 'microsoft-windows-security-auditing',
    user: `user${i % 3}`,
    message: 'An account failed to log on.',
  }));
  // Straight into the store: the windows here are fixed instants, which ingest would refuse
  // once they are past the retention or more than a day ahead of the real clock.
  const normalized = raws.map((raw) => normalizeEvent(raw, 'api', { now: new Date(at) }));
  await getEventStore(test.db).insert(normalized.map((r) => (r.ok ? r.event : assertNever(r))));
  return host;
}

async function runsOf(triggerId: string) {
  return test.db
    .select()
    .from(eventTriggerRuns)
    .where(eq(eventTriggerRuns.triggerId, triggerId))
    .orderBy(asc(eventTriggerRuns.windowFrom));
}

async function incidentsOf(triggerId: string) {
  return test.db
    .select()
    .from(incidents)
    .where(eq(incidents.dedupeKey, `trigger:${triggerId}`));
}

async function evidenceCount(incidentId: string): Promise<number> {
  const [row] = await test.db
    .select({ n: count() })
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId));
  return Number(row.n);
}

async function failureEmails(triggerId: string) {
  return test.db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.topic, 'trigger-failed'),
        sql`${outbox.payload}->'props'->>'triggerId' = ${triggerId}`,
      ),
    );
}

/** A trigger on its own host's failed logons, created at `at`. */
async function trigger(at: string, host: string, overrides: Record<string, unknown> = {}) {
  return createTrigger(
    test.db,
    powerUser,
    {
      name: `${failedLogons.name} on ${host}`,
      query: `event_id:4625 AND hostname:${host}`,
      intervalMinutes: failedLogons.intervalMinutes,
      threshold: failedLogons.threshold,
      severity: failedLogons.severity,
      ...overrides,
    },
    { now: new Date(at), origin: { templateKey: failedLogons.key } },
  );
}

describe('a burst of failed logons', () => {
  it('opens exactly one incident with the events as evidence; the next window adds to it', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-01T10:00:20Z', host);
    expect(created).toMatchObject({
      accountedThrough: new Date('2026-12-01T10:00:00Z'),
      nextRunAt: new Date('2026-12-01T10:06:00Z'),
      templateKey: 'failed-logon-burst',
    });
    // 20 failed logons: 10 in each of the first two windows, and noise the query does not match.
    await logons('2026-12-01T10:02:00Z', 10, '4625', host);
    await logons('2026-12-01T10:07:00Z', 10, '4625', host);
    await logons('2026-12-01T10:03:00Z', 5, '4624', host);
    await logons('2026-12-01T10:12:00Z', 3, '4625', host);

    const clock = manualClock('2026-12-01T10:05:30Z');
    // The first window has closed but not settled: late events may still arrive.
    expect((await runDueTriggers(test.db, { now: clock.now() })).evaluated).toBe(0);

    clock.set('2026-12-01T10:16:00Z');
    const result = await runDueTriggers(test.db, { now: clock.now() });
    expect(result).toMatchObject({ evaluated: 3, opened: 1, added: 1, quiet: 1, failed: 0 });

    const opened = await incidentsOf(created.id);
    expect(opened).toHaveLength(1);
    const [incident] = opened;
    expect(incident).toMatchObject({ source: 'alert', severity: 'medium', dedupeCount: 1 });
    expect(incident.title).toContain('10 events matched');
    expect(incident.description).toContain('event_id:4625');
    expect(await evidenceCount(incident.id)).toBe(20);
    const evidence = await test.db
      .select()
      .from(incidentEvents)
      .where(eq(incidentEvents.incidentId, incident.id));
    expect(evidence.every((e) => e.triggerId === created.id && e.addedById === null)).toBe(true);
    expect(evidence.every((e) => (e.event as { event_id: string }).event_id === '4625')).toBe(true);
    const notes = await test.db
      .select()
      .from(incidentNotes)
      .where(eq(incidentNotes.incidentId, incident.id));
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain('Repeated alert');

    const runs = await runsOf(created.id);
    expect(
      runs.map((r) => [
        r.windowFrom.toISOString(),
        r.outcome,
        r.matchCount,
        r.incidentId,
        r.reason,
      ]),
    ).toEqual([
      ['2026-12-01T10:00:00.000Z', 'opened', 10, incident.id, '10 matched; 10 copied as evidence'],
      ['2026-12-01T10:05:00.000Z', 'added', 10, incident.id, '10 matched; 10 copied as evidence'],
      ['2026-12-01T10:10:00.000Z', 'quiet', 3, null, '3 matched, below the threshold of 10'],
    ]);
    const [after] = await test.db
      .select()
      .from(eventTriggers)
      .where(eq(eventTriggers.id, created.id));
    expect(after).toMatchObject({
      accountedThrough: new Date('2026-12-01T10:15:00Z'),
      nextRunAt: new Date('2026-12-01T10:21:00Z'),
      version: 1,
    });
  });

  it('a window with more matches than the sample copies the newest and says so', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-02T10:00:00Z', host, { threshold: 1 });
    await logons('2026-12-02T10:00:00Z', 130, '4625', host);
    await runDueTriggers(test.db, { now: new Date('2026-12-02T10:06:00Z') });
    const [run] = await runsOf(created.id);
    expect(run).toMatchObject({ outcome: 'opened', matchCount: 130 });
    expect(run.reason).toBe(
      '130 matched; 100 copied as evidence (the newest 100; the rest are on the Events page)',
    );
    expect(await evidenceCount(run.incidentId!)).toBe(100);
  });
});

describe('who owns the incident', () => {
  it('the trigger owner, or the fallback owner when they were deactivated, and it says why', async () => {
    const owner = await insertUser(test.db, 'user', { name: 'Riley Gone' });
    const host = freshHost();
    const created = await trigger('2026-12-02T12:00:00Z', host, {
      threshold: 1,
      owner: `user:${owner.id}`,
    });
    await test.db.update(users).set({ active: false }).where(eq(users.id, owner.id));
    await logons('2026-12-02T12:01:00Z', 1, '4625', host);
    await runDueTriggers(test.db, { now: new Date('2026-12-02T12:06:00Z') });
    const [incident] = await incidentsOf(created.id);
    expect(incident.ownerUserId).toBe(admin.id);
    expect(incident.description).toContain('Riley Gone is deactivated; it went to');
  });
});

describe('after the incident is closed', () => {
  it('the next window that meets the threshold opens a new incident', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-02T14:00:00Z', host, { threshold: 1 });
    await logons('2026-12-02T14:01:00Z', 2, '4625', host);
    await logons('2026-12-02T14:06:00Z', 1, '4625', host);
    await runDueTriggers(test.db, { now: new Date('2026-12-02T14:06:00Z') });
    const [first] = await incidentsOf(created.id);
    await changeIncidentState(test.db, analyst, first.id, {
      version: first.version,
      from: 'triage',
      to: 'closed',
      note: 'A user who forgot their new password.',
    });
    await runDueTriggers(test.db, { now: new Date('2026-12-02T14:11:00Z') });
    const runs = await runsOf(created.id);
    expect(runs.map((r) => r.outcome)).toEqual(['opened', 'opened']);
    expect(runs[1].incidentId).not.toBe(first.id);
    expect(await evidenceCount(runs[1].incidentId!)).toBe(1);
  });
});

describe('quiet windows', () => {
  it('a window with no matches records quiet and opens nothing', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-03T08:00:00Z', host);
    const result = await runDueTriggers(test.db, { now: new Date('2026-12-03T08:06:00Z') });
    expect(result).toMatchObject({ evaluated: 1, quiet: 1 });
    const runs = await runsOf(created.id);
    expect(runs).toMatchObject([{ outcome: 'quiet', matchCount: 0, incidentId: null, reason: '' }]);
    expect(await incidentsOf(created.id)).toHaveLength(0);
  });
});

describe('each window is evaluated once', () => {
  it('two evaluations of the same window at once record it once', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-04T09:00:00Z', host, { threshold: 1 });
    await logons('2026-12-04T09:01:00Z', 4, '4625', host);
    const now = new Date('2026-12-04T09:06:00Z');
    const results = await Promise.all([
      evaluateNextWindow(test.db, created.id, { now }),
      evaluateNextWindow(test.db, created.id, { now }),
      runDueTriggers(test.db, { now }),
    ]);
    const evaluated = (results[0] ? 1 : 0) + (results[1] ? 1 : 0) + results[2].evaluated;
    expect(evaluated).toBe(1);
    expect(await runsOf(created.id)).toHaveLength(1);
    expect(await incidentsOf(created.id)).toHaveLength(1);
    // A retry after the window was recorded finds nothing to do.
    expect(await evaluateNextWindow(test.db, created.id, { now })).toBeNull();
    expect(await runDueTriggers(test.db, { now })).toMatchObject({ evaluated: 0 });
    const [incident] = await incidentsOf(created.id);
    expect(incident.dedupeCount).toBe(0);
    expect(await evidenceCount(incident.id)).toBe(4);
  });

  it('a crash before the window commits leaves no incident behind; the retry opens one', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-05T09:00:00Z', host, { threshold: 1 });
    await logons('2026-12-05T09:01:00Z', 3, '4625', host);
    // The process dies after the incident is written but before the window's ledger row.
    await test.db.execute(
      sql.raw(`create or replace function fail_trigger_runs() returns trigger language plpgsql as $$
        begin raise exception 'worker killed'; end $$`),
    );
    await test.db.execute(
      sql`create trigger fail_trigger_runs before insert on event_trigger_runs for each row execute function fail_trigger_runs()`,
    );
    const now = new Date('2026-12-05T09:06:00Z');
    await rejection(evaluateNextWindow(test.db, created.id, { now }));
    expect(await incidentsOf(created.id)).toHaveLength(0);
    expect(await runsOf(created.id)).toHaveLength(0);
    await test.db.execute(sql`drop trigger fail_trigger_runs on event_trigger_runs`);

    expect(await evaluateNextWindow(test.db, created.id, { now })).toMatchObject({
      outcome: 'opened',
      matchCount: 3,
      copied: 3,
    });
    expect(await evaluateNextWindow(test.db, created.id, { now })).toBeNull();
    expect(await incidentsOf(created.id)).toHaveLength(1);
    expect(await runsOf(created.id)).toHaveLength(1);
  });

  it('a window already in the ledger cannot be evaluated again, even with its cursor moved back', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-06T09:00:00Z', host, { threshold: 1 });
    await logons('2026-12-06T09:01:00Z', 2, '4625', host);
    const now = new Date('2026-12-06T09:06:00Z');
    await evaluateNextWindow(test.db, created.id, { now });
    await test.db
      .update(eventTriggers)
      .set({ accountedThrough: new Date('2026-12-06T09:00:00Z'), nextRunAt: now })
      .where(eq(eventTriggers.id, created.id));
    const error = await rejection(evaluateNextWindow(test.db, created.id, { now }));
    expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/duplicate key/);
    const [incident] = await incidentsOf(created.id);
    expect(incident.dedupeCount).toBe(0);
    expect(await evidenceCount(incident.id)).toBe(2);
    expect(await runsOf(created.id)).toHaveLength(1);
  });

  it('after an outage it catches up window by window, a bounded number per run', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-07T00:00:00Z', host, { intervalMinutes: 1 });
    const now = new Date('2026-12-07T02:00:00Z');
    expect(await runDueTriggers(test.db, { now, windowLimit: 50 })).toMatchObject({
      evaluated: 50,
      more: true,
    });
    const second = await runDueTriggers(test.db, { now, windowLimit: 500 });
    // The windows from 00:00 to 01:59 had closed and settled by 02:00: 119 in all.
    expect(second).toMatchObject({ evaluated: 69, more: false });
    const runs = await runsOf(created.id);
    expect(runs).toHaveLength(119);
    expect(runs.at(-1)!.windowTo).toEqual(new Date('2026-12-07T01:59:00Z'));
  });
});

describe('the every-minute job', () => {
  it('is kept in Redis every minute and evaluates the windows due now', async () => {
    expect(FIXED_SCHEDULERS).toContainEqual({
      id: RUN_TRIGGERS,
      every: 60_000,
      name: RUN_TRIGGERS,
    });
    expect(ALL_JOBS).toContain(runTriggersJob);
    const host = freshHost();
    const created = await trigger(new Date(Date.now() - 10 * 60_000).toISOString(), host, {
      threshold: 1,
    });
    await logons(new Date(Date.now() - 9 * 60_000).toISOString(), 2, '4625', host);
    const result = await runTriggersJob.handle(
      {},
      { db: test.db, log: () => {}, queue: undefined as never },
      undefined as never,
    );
    expect(result).toMatchObject({ opened: 1, failed: 0 });
    expect(await incidentsOf(created.id)).toHaveLength(1);
  });
});

describe('pause and resume', () => {
  it('a paused trigger is not evaluated; resuming counts from the minute it resumed', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-08T10:00:00Z', host, { threshold: 1 });
    await logons('2026-12-08T10:01:00Z', 3, '4625', host);
    const paused = await setTriggerActive(
      test.db,
      powerUser,
      created.id,
      { version: created.version, active: false },
      new Date('2026-12-08T10:03:00Z'),
    );
    expect(paused).toMatchObject({ active: false, nextRunAt: null, version: 2 });
    await logons('2026-12-08T10:20:00Z', 3, '4625', host);
    expect(await runDueTriggers(test.db, { now: new Date('2026-12-08T10:40:00Z') })).toMatchObject({
      evaluated: 0,
    });

    const resumed = await setTriggerActive(
      test.db,
      powerUser,
      created.id,
      { version: paused.version, active: true },
      new Date('2026-12-08T10:40:30Z'),
    );
    expect(resumed).toMatchObject({
      active: true,
      accountedThrough: new Date('2026-12-08T10:40:00Z'),
      nextRunAt: new Date('2026-12-08T10:46:00Z'),
    });
    await logons('2026-12-08T10:42:00Z', 2, '4625', host);
    await runDueTriggers(test.db, { now: new Date('2026-12-08T10:46:00Z') });
    const runs = await runsOf(created.id);
    expect(runs.map((r) => [r.windowFrom.toISOString(), r.outcome, r.matchCount])).toEqual([
      ['2026-12-08T10:40:00.000Z', 'opened', 2],
    ]);
    const log = await getActivity(test.db, { entityType: 'trigger', entityId: created.id });
    const labels = await lookUpLabels(test.db, referencedKeys(log));
    expect(log.map((row) => describeAction(row, labels))).toEqual([
      `resumed the trigger ${created.name}`,
      `paused the trigger ${created.name}`,
      `created the trigger ${created.name}`,
    ]);
  });

  it('a stale pause is refused, naming who changed it', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-08T11:00:00Z', host);
    await updateTrigger(test.db, powerUser, created.id, { version: 1, threshold: 20 });
    const error = await rejection(
      setTriggerActive(test.db, powerUser, created.id, { version: 1, active: false }),
    );
    expect((error as Error).message).toMatch(/This trigger was changed by/);
  });
});

describe('a query that fails', () => {
  it('records failed with the reason and tells administrators once', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-09T10:00:00Z', host);
    // A query saved before the language refused it (the form refuses it today).
    await test.db
      .update(eventTriggers)
      .set({ query: 'event_id:(4625' })
      .where(eq(eventTriggers.id, created.id));
    const result = await runDueTriggers(test.db, { now: new Date('2026-12-09T10:16:00Z') });
    expect(result).toMatchObject({ evaluated: 3, failed: 3 });
    const runs = await runsOf(created.id);
    expect(runs.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(runs[0].matchCount).toBeNull();
    expect(runs[0].reason).toBe(
      'The query is not valid: Expected a closing parenthesis at the end of the query.',
    );
    const emails = await failureEmails(created.id);
    expect(emails).toHaveLength(1);
    expect(emails[0].payload).toMatchObject({
      template: 'trigger-failed',
      to: admin.email,
      appPath: `/triggers/${created.id}`,
    });
    const { props } = emails[0].payload as { props: Record<string, unknown> };
    const rendered = await renderEmail('trigger-failed', {
      ...props,
      url: `https://vigil.example.com/triggers/${created.id}`,
    });
    expect(rendered.subject).toContain(created.name);
    expect(rendered.text).toContain('event_id:(4625');
    expect(rendered.text).toContain(`https://vigil.example.com/triggers/${created.id}`);

    // Fixed, it works again; broken again later, administrators hear of it again.
    const [row] = await test.db
      .select()
      .from(eventTriggers)
      .where(eq(eventTriggers.id, created.id));
    const fixed = await updateTrigger(test.db, powerUser, created.id, {
      version: row.version,
      query: `event_id:4625 AND hostname:${host}`,
    });
    await runDueTriggers(test.db, { now: new Date('2026-12-09T10:21:00Z') });
    await test.db
      .update(eventTriggers)
      .set({ query: 'event_id:(4625' })
      .where(eq(eventTriggers.id, fixed.id));
    await runDueTriggers(test.db, { now: new Date('2026-12-09T10:31:00Z') });
    expect((await runsOf(created.id)).map((r) => r.outcome)).toEqual([
      'failed',
      'failed',
      'failed',
      'quiet',
      'failed',
      'failed',
    ]);
    expect(await failureEmails(created.id)).toHaveLength(2);
  });
});

describe('a store that fails', () => {
  it('records the window as failed with the error; the failed search does not undo the record', async () => {
    const host = freshHost();
    const created = await trigger('2026-12-10T10:00:00Z', host);
    await test.db.execute(sql`alter table events rename to events_away`);
    try {
      const window = await evaluateNextWindow(test.db, created.id, {
        now: new Date('2026-12-10T10:06:00Z'),
      });
      expect(window).toMatchObject({ outcome: 'failed', matchCount: null, noticeQueued: true });
    } finally {
      await test.db.execute(sql`alter table events_away rename to events`);
    }
    const [run] = await runsOf(created.id);
    expect(run.reason).toMatch(/^The query could not run: relation "events" does not exist/);
    expect(await failureEmails(created.id)).toHaveLength(1);
  });
});

describe('who may change triggers', () => {
  const input = {
    name: 'Audit log cleared',
    query: 'event_id:1102 OR event_id:517',
    intervalMinutes: 5,
    threshold: 1,
    severity: 'high' as const,
  };

  it('a user and a read-only user are refused; a power user creates', async () => {
    expect(await rejection(createTrigger(test.db, analyst, input))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(createTrigger(test.db, auditor, input))).toBeInstanceOf(ForbiddenError);
    const created = await createTrigger(test.db, powerUser, input);
    expect(
      await rejection(
        setTriggerActive(test.db, analyst, created.id, { version: 1, active: false }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(updateTrigger(test.db, auditor, created.id, { version: 1, threshold: 2 })),
    ).toBeInstanceOf(ForbiddenError);
  });

  it('a query with a syntax error is refused with its position', async () => {
    const error = await rejection(
      createTrigger(test.db, powerUser, { ...input, query: 'event_id:(1102 OR' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.query).toMatch(/at character \d+/);
  });

  it('refuses an interval outside 1 minute to a week and a threshold under 1', async () => {
    const error = await rejection(
      createTrigger(test.db, powerUser, { ...input, intervalMinutes: 10_081, threshold: 0 }),
    );
    expect((error as ValidationError).fieldErrors).toMatchObject({
      intervalMinutes: expect.stringContaining('1 to 10080'),
      threshold: expect.stringContaining('1 or more'),
    });
  });
});

import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { schedulePeriods, taskReviewEvidence, taskSchedules, tasks } from '@/db/schema';
import { createGenerationPass } from '@/jobs/schedule-generator';
import { toTaskJson } from '@/lib/api/task-json';
import { eventIdsSha256 } from '@/lib/events/evidence-hash';
import { getEventStore } from '@/lib/events/store';
import type { NormalizedEvent } from '@/lib/events/types';
import { generateNow } from '@/lib/schedules/generate';
import { recordReviewEvidence, REVIEW_QUERY_TIMEOUT_MS } from '@/lib/schedules/review-evidence';
import { toRruleString } from '@/lib/schedules/recurrence';
import { createTask } from '@/lib/tasks/create-task';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { manualClock, type ManualClock } from '../support/manual-clock';
import { createScheduleAt, testActor } from '../support/schedule-fixtures';

// A generated review records what its schedule's query matched over the period since the
// previous occurrence: the query, the window, the count and the SHA-256 of exactly those
// events' ids, written with the task. A query that cannot run still gets its task, with the
// error recorded on it.

let test: TestDatabase;
let db: Db;

beforeAll(async () => {
  test = await createTestDatabase({ max: 10 });
  db = test.db;
});
afterAll(() => test?.drop());
afterEach(async () => {
  // Each test has its own schedules; a pass of the next test must not generate earlier ones.
  await db.update(taskSchedules).set({ active: false, nextOccurrenceAt: null });
});

const quiet = () => {};
const generation = (clock: ManualClock) =>
  createGenerationPass({ db, clock, log: quiet, concurrency: 2, catchUpLimit: 12 });

const DAILY = { pattern: { kind: 'daily' as const }, timeOfDay: '08:00', timeZone: 'UTC' };

/** Stores events and answers their ids by name. */
async function storeEvents(
  list: { name: string; at: string; eventId: string; host: string }[],
): Promise<Record<string, string>> {
  const marker = `review-${Math.random().toString(36).slice(2)}`;
  const batch: NormalizedEvent[] = list.map((e) => ({
    occurredAt: new Date(e.at),
    source: 'api',
    app_name: 'Microsoft-Windows-Security-Auditing',
    hostname: e.host,
    event_id: e.eventId,
    category: 'User Account Management',
    message: `${marker} ${e.name}`,
    source_ip: null,
    dest_ip: null,
    user: null,
    fields: {},
  }));
  await getEventStore(db).insert(batch);
  const rows = await db.execute<{ id: string; message: string }>(
    sql`select id::text as id, message from events where message like ${`${marker} %`}`,
  );
  return Object.fromEntries(rows.map((r) => [r.message.slice(marker.length + 1), r.id]));
}

async function evidenceOf(scheduleId: string) {
  return db
    .select({ task: tasks, evidence: taskReviewEvidence })
    .from(tasks)
    .leftJoin(taskReviewEvidence, eq(taskReviewEvidence.taskId, tasks.id))
    .where(eq(tasks.scheduleId, scheduleId))
    .orderBy(asc(tasks.occurrenceAt));
}

describe('review evidence on a generated task', () => {
  it('records the query, its window, and the count and hash of exactly the events inside it', async () => {
    const ids = await storeEvents([
      { name: 'just before', at: '2026-04-01T07:59:59.999Z', eventId: '4720', host: 'dc01' },
      { name: 'at the start', at: '2026-04-01T08:00:00Z', eventId: '4720', host: 'DC02' },
      { name: 'inside', at: '2026-04-01T20:00:00Z', eventId: '4720', host: 'dc01' },
      { name: 'other event', at: '2026-04-01T21:00:00Z', eventId: '4625', host: 'dc01' },
      { name: 'other host', at: '2026-04-01T22:00:00Z', eventId: '4720', host: 'ws-0042' },
      { name: 'at the end', at: '2026-04-02T08:00:00Z', eventId: '4720', host: 'dc01' },
      { name: 'next day', at: '2026-04-02T12:00:00Z', eventId: '4720', host: 'dc03' },
    ]);
    const clock = manualClock('2026-04-01T12:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      ...DAILY,
      name: 'Accounts created',
      query: 'event_id:4720 AND hostname:dc*',
    });
    clock.set('2026-04-02T08:00:10Z');
    await generation(clock).run();

    const [row] = await evidenceOf(id);
    expect(row.task.title).toBe('Accounts created — 2 April 2026');
    expect(row.evidence).toMatchObject({
      query: 'event_id:4720 AND hostname:dc*',
      windowFrom: new Date('2026-04-01T08:00:00Z'),
      windowTo: new Date('2026-04-02T08:00:00Z'),
      matchCount: 2,
      idsSha256: eventIdsSha256([ids['at the start'], ids.inside]),
      error: null,
    });

    // An examiner re-running the recorded search gets the same answer.
    const rerun = await getEventStore(db).summarize(
      (await import('@/lib/events/query/parse')).parseEventQuery(row.evidence!.query),
      { from: row.evidence!.windowFrom, to: row.evidence!.windowTo },
    );
    expect(rerun).toMatchObject({ count: 2, idsSha256: row.evidence!.idsSha256 });

    const json = toTaskJson((await getTaskDetail(db, { id: row.task.id }))!);
    expect(json.reviewEvidence).toEqual({
      query: 'event_id:4720 AND hostname:dc*',
      windowFrom: '2026-04-01T08:00:00.000Z',
      windowTo: '2026-04-02T08:00:00.000Z',
      matchCount: 2,
      idsSha256: row.evidence!.idsSha256,
      error: null,
      recordedAt: row.evidence!.recordedAt.toISOString(),
      searchUrl:
        '/events?q=event_id%3A4720+AND+hostname%3Adc*&from=2026-04-01T08%3A00%3A00.000Z&to=2026-04-02T08%3A00%3A00.000Z',
    });
  });

  it('gives a late-generated period its own window, not the time up to when it ran', async () => {
    const ids = await storeEvents([
      { name: 'day 1', at: '2026-05-01T09:00:00Z', eventId: '1102', host: 'dc01' },
      { name: 'day 2 a', at: '2026-05-02T08:00:00Z', eventId: '1102', host: 'dc01' },
      { name: 'day 2 b', at: '2026-05-02T23:00:00Z', eventId: '1102', host: 'dc02' },
      { name: 'day 3', at: '2026-05-03T10:00:00Z', eventId: '1102', host: 'dc01' },
    ]);
    const clock = manualClock('2026-05-01T12:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      ...DAILY,
      name: 'Audit log cleared',
      query: 'event_id:1102',
    });
    // No worker for two days: 2 and 3 May are generated together, late, on 3 May at 09:00.
    clock.set('2026-05-03T09:00:00Z');
    await generation(clock).run();

    const rows = await evidenceOf(id);
    expect(
      rows.map((r) => [
        r.task.occurrenceAt?.toISOString(),
        r.task.generatedLate,
        r.evidence?.windowFrom.toISOString(),
        r.evidence?.windowTo.toISOString(),
        r.evidence?.matchCount,
        r.evidence?.idsSha256,
      ]),
    ).toEqual([
      [
        '2026-05-02T08:00:00.000Z',
        true,
        '2026-05-01T08:00:00.000Z',
        '2026-05-02T08:00:00.000Z',
        1,
        eventIdsSha256([ids['day 1']]),
      ],
      [
        '2026-05-03T08:00:00.000Z',
        true,
        '2026-05-02T08:00:00.000Z',
        '2026-05-03T08:00:00.000Z',
        2,
        eventIdsSha256([ids['day 2 a'], ids['day 2 b']]),
      ],
    ]);
  });

  it('reviews one period back for the first occurrence, and records nothing without a query', async () => {
    await storeEvents([
      { name: 'the day before', at: '2026-01-31T12:00:00Z', eventId: '4740', host: 'dc01' },
    ]);
    const clock = manualClock('2026-01-31T12:00:00Z');
    const first = await createScheduleAt(db, clock.now(), {
      ...DAILY,
      startDate: '2026-02-01',
      name: 'Lockouts',
      query: 'event_id:4740',
    });
    const none = await createScheduleAt(db, clock.now(), {
      ...DAILY,
      startDate: '2026-02-01',
      name: 'No query',
    });
    clock.set('2026-02-01T08:00:05Z');
    await generation(clock).run();

    const [row] = await evidenceOf(first);
    expect(row.evidence).toMatchObject({
      windowFrom: new Date('2026-01-31T08:00:00Z'),
      windowTo: new Date('2026-02-01T08:00:00Z'),
      matchCount: 1,
    });
    const [plain] = await evidenceOf(none);
    expect(plain.task).toBeDefined();
    expect(plain.evidence).toBeNull();
    expect(toTaskJson((await getTaskDetail(db, { id: plain.task.id }))!).reviewEvidence).toBeNull();
  });

  it('still creates the task when the query cannot be read, with the error on it', async () => {
    const clock = manualClock('2026-06-01T12:00:00Z');
    const id = await createScheduleAt(db, clock.now(), { ...DAILY, name: 'Broken query' });
    // Saved before queries were checked on save: it cannot be parsed.
    await db
      .update(taskSchedules)
      .set({ query: 'event_id:(4720 OR' })
      .where(eq(taskSchedules.id, id));
    clock.set('2026-06-02T08:00:10Z');
    await generation(clock).run();

    const [row] = await evidenceOf(id);
    expect(row.task.title).toBe('Broken query — 2 June 2026');
    expect(row.evidence).toMatchObject({
      query: 'event_id:(4720 OR',
      windowFrom: new Date('2026-06-01T08:00:00Z'),
      windowTo: new Date('2026-06-02T08:00:00Z'),
      matchCount: null,
      idsSha256: null,
      error: 'The query could not be read: Expected a term or phrase after OR at character 18.',
    });
    const [period] = await db
      .select()
      .from(schedulePeriods)
      .where(eq(schedulePeriods.scheduleId, id));
    expect(period).toMatchObject({ outcome: 'task', taskId: row.task.id });
  });

  it('still creates the task when the store fails mid-search, and the rest of the period commits', async () => {
    const clock = manualClock('2026-06-10T12:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      ...DAILY,
      name: 'Store down',
      query: 'hostname:dc01',
    });
    // The search's statement fails inside the generating transaction (a column it needs is gone).
    await db.execute(sql`alter table events rename column hostname to hostname_gone`);
    try {
      const { task, created } = await generateNow(
        db,
        testActor,
        id,
        new Date('2026-06-11T09:00:00Z'),
      );
      expect(created).toBe(true);
      const [row] = await evidenceOf(id);
      expect(row.task.id).toBe(task.id);
      expect(row.evidence?.matchCount).toBeNull();
      expect(row.evidence?.error).toBe(
        'The event search failed: column events.hostname does not exist',
      );
    } finally {
      await db.execute(sql`alter table events rename column hostname_gone to hostname`);
    }
    const [period] = await db
      .select()
      .from(schedulePeriods)
      .where(eq(schedulePeriods.scheduleId, id));
    expect(period.outcome).toBe('task');
  });

  it('refuses to change or remove recorded evidence', async () => {
    const clock = manualClock('2026-07-01T12:00:00Z');
    const id = await createScheduleAt(db, clock.now(), {
      ...DAILY,
      name: 'Fixed record',
      query: 'event_id:4720',
    });
    clock.set('2026-07-02T08:00:10Z');
    await generation(clock).run();
    const [row] = await evidenceOf(id);
    const change = await db
      .update(taskReviewEvidence)
      .set({ matchCount: 0 })
      .where(eq(taskReviewEvidence.taskId, row.task.id))
      .catch((e: unknown) => e);
    expect(String((change as Error).cause ?? change)).toContain(
      'task_review_evidence is append-only: UPDATE is not allowed',
    );
  });

  it('bounds the search with its own timeout and gives the transaction back its own', async () => {
    const rule = { pattern: { kind: 'daily' as const }, timeOfDay: '08:00', timeZone: 'UTC' };
    const schedule = {
      ...rule,
      query: 'event_id:4720',
      rrule: toRruleString({ ...rule, startDate: '2026-01-01', endDate: null }),
    };
    const seen = await db.transaction(async (tx) => {
      await tx.execute(sql`set local statement_timeout = '42s'`);
      const { task } = await createTask(tx, testActor, { title: 'Timeout check' });
      const evidence = await recordReviewEvidence(
        tx,
        schedule,
        task,
        new Date('2026-08-02T08:00:00Z'),
      );
      const [after] = await tx.execute<{ statement_timeout: string }>(sql`show statement_timeout`);
      return { evidence, timeout: after.statement_timeout };
    });
    expect(REVIEW_QUERY_TIMEOUT_MS).toBe(15_000);
    expect(seen.timeout).toBe('42s');
    expect(seen.evidence).toMatchObject({ matchCount: 0, error: null });
  });
});

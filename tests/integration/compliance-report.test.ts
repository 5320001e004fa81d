import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getReportCsv } from '@/app/api/v1/reports/compliance.csv/route';
import { GET as getReportJson } from '@/app/api/v1/reports/compliance/route';
import type { Db } from '@/db/client';
import {
  incidentNoticeClocks,
  incidents,
  noticeRules,
  organization,
  policies,
  policyVersions,
  reportRuns,
  schedulePolicies,
  taskAttachments,
  taskReviewEvidence,
  tasks,
  type User,
} from '@/db/schema';
import { createGenerationPass } from '@/jobs/schedule-generator';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { ValidationError } from '@/lib/errors';
import { complianceCsv, complianceCsvFile } from '@/lib/reports/csv-files';
import { getComplianceReport } from '@/lib/reports/get-compliance-report';
import { parseComplianceParams } from '@/lib/reports/params';
import { drawSample } from '@/lib/reports/sample';
import { changeTaskState } from '@/lib/tasks/change-state';
import { manualClock } from '../support/manual-clock';
import { createScheduleAt } from '../support/schedule-fixtures';
import { rejection, setUpAppTestDatabase } from '../support/test-database-hooks';
import { actorOf, insertUser } from '../support/ticket-fixtures';

// A year of a weekly review (every Wednesday of 2025 at 09:00 New York: 53 of them), driven
// through the real generator with a clock the test moves, worked as people would — most on
// time, some late, two invalid, an outage the generator records as missed, the last ones
// still open, overdue or not recorded yet — and the report read back row by row.

const ZONE = 'America/New_York';
const WEEKS = 53;
const DAY_MS = 86_400_000;
const NOW = new Date('2025-12-31T21:00:00Z'); // 16:00 in New York, after the last Wednesday's 09:00
const RANGE = { from: '2025-01-01', to: '2025-12-31' };
const OUTAGE = [20, 21, 22, 23, 24]; // recorded as missed when the generator comes back in week 26
const INVALID = [7, 33];
const LATE = [3, 13, 43];

type Planned =
  'on-time' | 'late' | 'invalid' | 'missed' | 'open' | 'overdue' | 'pending' | 'outage-late';

function plan(week: number): Planned {
  if (OUTAGE.includes(week)) return 'missed';
  if (week === 52) return 'pending';
  if (week === 51) return 'open';
  if (week === 50) return 'overdue';
  if (INVALID.includes(week)) return 'invalid';
  if (LATE.includes(week)) return 'late';
  return 'on-time';
}

/** The Wednesday of week `i` at 09:00 New York (EST or EDT), computed without the app's code. */
function wednesday(i: number): { day: string; monday: string } {
  const day = new Date(Date.UTC(2025, 0, 1) + i * 7 * DAY_MS);
  const monday = new Date(day.getTime() - 2 * DAY_MS);
  return { day: day.toISOString().slice(0, 10), monday: monday.toISOString().slice(0, 10) };
}

function occurrenceInstant(day: string): Date {
  // New York is on EDT (UTC−4) from 9 March to 2 November 2025, EST (UTC−5) otherwise.
  const edt = day >= '2025-03-09' && day < '2025-11-02';
  return new Date(`${day}T${edt ? '13' : '14'}:00:00Z`);
}

const test = setUpAppTestDatabase();
let db: Db;
let closer: User;
let readOnly: User;
let readOnlyToken: string;
let scheduleId: string;
let policyId: string;
const lateBy = new Map<number, number>();

beforeAll(async () => {
  db = test.db;
  await db.insert(organization).values({ name: 'First Prairie Bank', timeZone: ZONE });
  closer = await insertUser(db, 'user', { name: 'Dana Reyes', timeZone: ZONE });
  readOnly = await insertUser(db, 'read_only', { name: 'Examiner', timeZone: 'UTC' });
  readOnlyToken = (
    await createApiToken(db, systemActor('test'), { userId: readOnly.id, name: 'examiner' })
  ).token;

  const [policy] = await db
    .insert(policies)
    .values({
      framework: 'Custom',
      reference: 'LOG-1',
      title: 'Weekly log review (as first written)',
      custom: true,
    })
    .returning();
  policyId = policy.id;

  scheduleId = await createScheduleAt(db, new Date('2024-12-31T12:00:00Z'), {
    name: 'Firewall log review',
    pattern: { kind: 'weekly', interval: 1, weekdays: ['WE'] },
    timeOfDay: '09:00',
    timeZone: ZONE,
    startDate: '2025-01-01',
    dueInDays: 7,
    tags: ['logs'],
    groupName: 'Network',
  });
  await db.insert(schedulePolicies).values({ scheduleId, policyId, policyVersion: 1 });

  const clock = manualClock('2025-01-01T00:00:00Z');
  const pass = () =>
    createGenerationPass({ db, clock, log: () => {}, concurrency: 1, catchUpLimit: 2 }).run();
  for (let i = 0; i < WEEKS - 1; i++) {
    if (OUTAGE.includes(i) || i === 25) continue; // the worker is down for six weeks
    clock.set(new Date(occurrenceInstant(wednesday(i).day).getTime() + 60_000));
    await pass();
  }

  const generated = await db.select().from(tasks).where(eq(tasks.scheduleId, scheduleId));
  const byWeek = new Map(
    generated.map((t) => [
      Math.round((t.occurrenceAt!.getTime() - Date.UTC(2025, 0, 1)) / (7 * DAY_MS)),
      t,
    ]),
  );
  const actor = actorOf(closer);
  for (const [week, task] of byWeek) {
    const planned = plan(week);
    if (planned === 'open' || planned === 'overdue') continue;
    if (planned === 'invalid') {
      await changeTaskState(db, actor, task.id, {
        transition: 'mark-invalid',
        from: 'open',
        version: task.version,
        reason: 'The firewall was replaced that week.',
      });
      continue;
    }
    await changeTaskState(db, actor, task.id, {
      transition: 'close',
      from: 'open',
      version: task.version,
      findings: `Week ${week}: nothing unusual.`,
    });
    // As if closed when the review was done: a day after it fell due, or three days past due.
    const closedAt =
      planned === 'late'
        ? new Date(task.dueAt!.getTime() + 3 * DAY_MS)
        : new Date(task.occurrenceAt!.getTime() + DAY_MS);
    if (planned === 'late') lateBy.set(week, 3 * 86_400);
    await db.update(tasks).set({ closedAt }).where(eq(tasks.id, task.id));
  }
  const first = byWeek.get(0)!;
  await db.insert(taskAttachments).values({
    taskId: first.id,
    fileName: 'export.txt',
    contentType: 'text/plain',
    sizeBytes: 5,
    sha256: 'a'.repeat(64),
    data: Buffer.from('hello'),
  });
  await db.insert(taskReviewEvidence).values({
    taskId: first.id,
    query: 'source:firewall action:deny',
    windowFrom: new Date('2024-12-25T14:00:00Z'),
    windowTo: new Date('2025-01-01T14:00:00Z'),
    matchCount: 12,
    idsSha256: 'b'.repeat(64),
  });

  // The policy is edited after the fact: version 2 has another title.
  await db.insert(policyVersions).values({
    policyId,
    version: 2,
    title: 'Weekly log review (rewritten in 2026)',
    changeNote: 'Rewritten.',
  });
  await db
    .update(policies)
    .set({ title: 'Weekly log review (rewritten in 2026)', currentVersion: 2 })
    .where(eq(policies.id, policyId));

  // Two incidents in March (one high, answered in 1 h and closed in 10 h; one low, answered
  // after its target) and a notice clock started in April.
  const [high] = await db
    .insert(incidents)
    .values({
      title: 'Phishing wave',
      severity: 'high',
      createdAt: new Date('2025-03-10T14:00:00Z'),
      responseDueAt: new Date('2025-03-10T18:00:00Z'),
      respondedAt: new Date('2025-03-10T15:00:00Z'),
      closedAt: new Date('2025-03-11T00:00:00Z'),
      state: 'closed',
    })
    .returning();
  await db.insert(incidents).values({
    title: 'Lost badge',
    severity: 'low',
    createdAt: new Date('2025-03-20T14:00:00Z'),
    responseDueAt: new Date('2025-03-21T14:00:00Z'),
    respondedAt: new Date('2025-03-22T14:00:00Z'),
  });
  const [rule] = await db
    .insert(noticeRules)
    .values({
      name: 'Test 36-hour rule',
      notify: 'the primary federal regulator',
      citation: '12 CFR 53',
      deadlineHours: 36,
      clockStartsWhen: 'determining a notification incident occurred',
      enabled: true,
    })
    .returning();
  await db.insert(incidentNoticeClocks).values({
    incidentId: high.id,
    ruleId: rule.id,
    clockStartedAt: new Date('2025-04-01T12:00:00Z'),
    deadlineAt: new Date('2025-04-03T00:00:00Z'),
    basis: 'Customer data exposed',
    decidedById: closer.id,
    decidedAt: new Date('2025-04-01T12:30:00Z'),
    notifiedAt: new Date('2025-04-02T09:00:00Z'),
    notifiedTo: 'OCC',
    notificationReference: 'OCC-123',
  });
}, 120_000);

async function report(params: Record<string, string> = {}, actor = actorOf(readOnly)) {
  return getComplianceReport(
    db,
    actor,
    parseComplianceParams(new URLSearchParams({ ...RANGE, ...params })),
    NOW,
  );
}

describe('a year of a weekly review', () => {
  it('lists all 53 Wednesdays once each, in order, each with the status it earned', async () => {
    const result = await report({ policy: policyId });
    const rows = result.occurrences.filter((o) => o.scheduleId === scheduleId);
    expect(rows).toHaveLength(WEEKS);
    expect(new Set(rows.map((r) => r.periodKey)).size).toBe(WEEKS);
    rows.forEach((row, week) => {
      const { day, monday } = wednesday(week);
      const planned = plan(week);
      expect({ week, key: row.periodKey, at: row.occurrenceAt.toISOString() }).toEqual({
        week,
        key: `week:${monday}`,
        at: occurrenceInstant(day).toISOString(),
      });
      expect({ week, status: row.status }).toEqual({ week, status: planned });
      expect(row.lateBySeconds).toBe(planned === 'late' ? lateBy.get(week) : null);
      if (planned === 'missed') {
        expect(row.task).toBeNull();
        expect(row.reason).not.toBe('');
      }
      if (planned === 'pending') expect(row.task).toBeNull();
      if (['on-time', 'late', 'invalid'].includes(planned))
        expect(row.task?.completedBy).toEqual({ id: closer.id, name: 'Dana Reyes' });
      if (planned === 'on-time') expect(row.task?.findings).toBe(`Week ${week}: nothing unusual.`);
      if (planned === 'invalid')
        expect(row.task?.invalidReason).toBe('The firewall was replaced that week.');
    });
    // The weeks the outage delayed came late, with the generator's reason.
    expect(rows[25].reason).not.toBe('');
    expect(rows[0].task?.attachmentCount).toBe(1);
    expect(rows[0].evidence).toMatchObject({
      query: 'source:firewall action:deny',
      matchCount: 12,
      sha256: 'b'.repeat(64),
    });
  });

  it('counts per schedule and per policy, the policy at the version attached', async () => {
    const result = await report({ policy: policyId });
    const counts = {
      'on-time': WEEKS - OUTAGE.length - INVALID.length - LATE.length - 3,
      late: LATE.length,
      open: 1,
      overdue: 1,
      invalid: INVALID.length,
      missed: OUTAGE.length,
      pending: 1,
    };
    expect(result.schedules).toEqual([
      expect.objectContaining({
        scheduleId,
        counts,
        onTimeRate:
          counts['on-time'] / (counts['on-time'] + counts.late + counts.overdue + counts.missed),
        policies: [{ id: policyId, framework: 'Custom', reference: 'LOG-1', version: 1 }],
      }),
    ]);
    expect(result.policies).toEqual([
      expect.objectContaining({
        policyId,
        version: 1,
        title: 'Weekly log review (as first written)',
        scheduleIds: [scheduleId],
        counts,
      }),
    ]);
  });

  it('gives incident statistics by month and the notices', async () => {
    const result = await report();
    const march = result.incidents.filter((m) => m.month === '2025-03');
    expect(march.find((m) => m.severity === 'all')).toMatchObject({
      opened: 2,
      closed: 1,
      closeSecondsMean: 10 * 3600,
      withinTargetShare: 0.5,
    });
    expect(march.find((m) => m.severity === 'high')).toMatchObject({
      opened: 1,
      respondSecondsMean: 3600,
      respondSecondsP90: 3600,
    });
    expect(result.notices).toEqual([
      expect.objectContaining({
        ruleName: 'Test 36-hour rule',
        decidedBy: 'Dana Reyes',
        notifiedTo: 'OCC',
        reference: 'OCC-123',
        onTime: true,
      }),
    ]);
  });

  it('a filter that matches nothing gives an empty report, and one that names nothing is refused', async () => {
    expect((await report({ tag: 'nope' })).occurrences).toEqual([]);
    expect((await report({ group: 'Network' })).occurrences).toHaveLength(WEEKS);
    expect((await report({ framework: 'custom' })).occurrences).toHaveLength(WEEKS);
    const refusals = [
      [{ from: '2025-02-01', to: '2025-01-01' }, { to: 'The last day comes before the first.' }],
      [{ from: '2020-01-01', to: '2025-01-01' }, { to: 'A report covers at most 5 years.' }],
      [{ policy: '00000000-0000-4000-8000-000000000000' }, { policy: 'Unknown policy.' }],
      [{ framework: 'ISO 27001' }, { framework: 'Unknown framework "ISO 27001".' }],
    ] as const;
    for (const [params, fields] of refusals) {
      const error = await rejection(report(params));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toEqual(fields);
    }
  });
});

async function api(handler: typeof getReportJson, path: string, query: string) {
  return handler(
    new Request(`http://vigil.test${path}?${query}`, {
      headers: { authorization: `Bearer ${readOnlyToken}` },
    }),
    undefined as never,
  );
}

describe('the API', () => {
  it('gives a Read-only user the same occurrences as JSON and as CSV, each run logged', async () => {
    const query = new URLSearchParams({ ...RANGE, policy: policyId }).toString();
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(reportRuns);
    const json = await api(getReportJson, '/api/v1/reports/compliance', query);
    expect(json.status).toBe(200);
    const body = await json.json();
    const csvResponse = await api(getReportCsv, '/api/v1/reports/compliance.csv', query);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    const rows: Record<string, string>[] = parse(
      (await csvResponse.text()).replace(/^\uFEFF/, ''),
      {
        columns: true,
      },
    );
    expect(rows).toHaveLength(WEEKS);
    expect(
      rows.map((r) => [
        r.schedule_id,
        r.schedule_name,
        r.period_key,
        r.status,
        r.task_id,
        r.completed_by,
      ]),
    ).toEqual(
      body.occurrences.map((o: Record<string, never>) => [
        o.scheduleId,
        o.scheduleName,
        o.periodKey,
        o.status,
        (o.task as { id?: string } | null)?.id ?? '',
        (o.task as { completedBy?: { name: string } } | null)?.completedBy?.name ?? '',
      ]),
    );
    // Times in the token user's zone (UTC here), named in the header.
    expect(Object.keys(rows[0])).toContain('occurrence_at (UTC)');
    expect(rows[0]['occurrence_at (UTC)']).toBe('2025-01-01 14:00:00');

    const runs = await db.select().from(reportRuns).orderBy(reportRuns.generatedAt);
    expect(runs.length - before[0].n).toBe(2);
    const [jsonRun, csvRun] = runs.slice(-2);
    expect(jsonRun).toMatchObject({
      kind: 'compliance',
      channel: 'api',
      generatedById: readOnly.id,
      rowCount: WEEKS,
      params: { ...RANGE, policyId },
    });
    expect(jsonRun.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.run).toEqual({ id: jsonRun.id, sha256: jsonRun.sha256 });
    expect(csvRun).toMatchObject({ kind: 'compliance-csv', rowCount: WEEKS });
  });

  it('answers bad input with 400 and the field at fault, and logs nothing', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(reportRuns);
    const cases = [
      ['from=2025-02-01&to=2025-01-01', { to: 'The last day comes before the first.' }],
      ['from=2025-01-01&to=2025-12-31&framework=Nope', { framework: 'Unknown framework "Nope".' }],
      ['from=2025-01-01', { to: 'Choose the last day of the report.' }],
    ] as const;
    for (const [query, fields] of cases) {
      for (const [handler, path] of [
        [getReportJson, '/api/v1/reports/compliance'],
        [getReportCsv, '/api/v1/reports/compliance.csv'],
      ] as const) {
        const response = await api(handler, path, query);
        expect(response.status).toBe(400);
        expect((await response.json()).fields).toEqual(fields);
      }
    }
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(reportRuns);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('CSV files and samples', () => {
  it('writes the schedules and policies tables with ids that join', async () => {
    const result = await report({ policy: policyId });
    const schedules = parse(
      complianceCsv(complianceCsvFile('schedules')!, result, 'UTC').text.replace(/^\uFEFF/, ''),
      { columns: true },
    ) as Record<string, string>[];
    expect(schedules).toEqual([
      expect.objectContaining({
        schedule_id: scheduleId,
        planned: String(WEEKS),
        missed: '5',
        policies: `${policyId}@1`,
      }),
    ]);
    const policyRows = parse(
      complianceCsv(complianceCsvFile('policies')!, result, 'UTC').text.replace(/^\uFEFF/, ''),
      { columns: true },
    ) as Record<string, string>[];
    expect(policyRows).toEqual([
      expect.objectContaining({
        policy_id: policyId,
        policy_version: '1',
        title: 'Weekly log review (as first written)',
        schedule_ids: scheduleId,
      }),
    ]);
  });

  it('draws the same sample for the same seed, and another for another seed', async () => {
    const result = await report();
    const keys = (seed: string, size: number, perSchedule = false) =>
      drawSample(result.occurrences, { seed, size, perSchedule }).map((o) => o.periodKey);
    expect(keys('examiner-2026', 10)).toEqual(keys('examiner-2026', 10));
    expect(new Set(keys('examiner-2026', 10)).size).toBe(10);
    expect(keys('examiner-2026', 10)).not.toEqual(keys('another', 10));
    expect(keys('x', 100)).toHaveLength(WEEKS);
    expect(keys('x', 3, true)).toHaveLength(3);
  });
});

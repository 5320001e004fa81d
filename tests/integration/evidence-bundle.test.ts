import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '@/db/client';
import {
  activityLog,
  incidentAttachments,
  organization,
  reportRuns,
  taskAttachments,
  tasks,
  type Incident,
  type Task,
  type User,
} from '@/db/schema';
import type { Role } from '@/lib/auth/roles';
import { ForbiddenError } from '@/lib/errors';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { createEvidenceBundle } from '@/lib/reports/bundle/create-evidence-bundle';
import { getCoveredAttachments } from '@/lib/reports/bundle/covered-attachments';
import type { BundleCsv } from '@/lib/reports/bundle/evidence-bundle-stream';
import type { ComplianceOccurrence, ComplianceReport } from '@/lib/reports/types';
import { complianceCsv, COMPLIANCE_CSV_FILES } from '@/lib/reports/csv-files';
import { generateEvidenceBundle } from '@/lib/reports/bundle/generate-evidence-bundle';
import { getComplianceReport } from '@/lib/reports/get-compliance-report';
import { parseComplianceParams } from '@/lib/reports/params';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { createGenerationPass } from '@/jobs/schedule-generator';
import { manualClock } from '../support/manual-clock';
import { createScheduleAt } from '../support/schedule-fixtures';
import { addAttachment } from '@/lib/tickets/attachments';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { manifestOf, readStream, sha256, unzip, verifyBundle } from '../support/evidence-bundle';
import { actorOf, insertIncidents, insertUser } from '../support/incident-fixtures';

describe('evidence bundle', () => {
  let test: TestDatabase;
  let db: Db;
  let analyst: User;
  let examiner: User;
  let covered: Task[];
  let uncovered: Task;
  let inRange: Incident;
  let outOfRange: Incident;
  let notified: Incident;
  const hostileName = '../../etc/passwd\u0001\t\u202Etxt.exe';
  const csvFiles: BundleCsv[] = [
    {
      name: 'occurrences.csv',
      description: 'Every planned occurrence.',
      text: 'schedule_id,status\n1,on-time\n',
    },
    { name: 'schedules.csv', description: 'Per schedule.', text: 'schedule_id,planned\n1,1\n' },
  ];

  function occurrence(task: Task, index: number): ComplianceOccurrence {
    return {
      scheduleId: '00000000-0000-4000-8000-000000000001',
      scheduleName: 'Weekly log review',
      periodKey: `week:2026-W${10 + index}`,
      periodLabel: `Week ${10 + index}`,
      occurrenceAt: new Date(`2026-03-0${index + 2}T14:00:00Z`),
      status: 'on-time',
      lateBySeconds: null,
      reason: '',
      task: {
        id: task.id,
        number: task.number,
        title: task.title,
        dueAt: null,
        closedAt: null,
        completedBy: null,
        findings: null,
        invalidReason: null,
        attachmentCount: 0,
      },
      owner: null,
      evidence: null,
    };
  }

  function reportOf(overrides: Partial<ComplianceReport['params']> = {}): ComplianceReport {
    return {
      params: { from: '2026-03-01', to: '2026-03-31', ...overrides },
      policyLabel: null,
      organization: { name: 'First Prairie Bank', timeZone: 'America/Chicago' },
      generatedAt: new Date('2026-04-01T15:00:00Z'),
      occurrences: [
        ...covered.map(occurrence),
        // A period owed but not yet recorded has no task, and so no attachments.
        { ...occurrence(covered[0], 5), task: null, status: 'pending' },
      ],
      schedules: [],
      policies: [],
      incidents: [],
      notices: [
        {
          incidentId: notified.id,
          incidentNumber: notified.number,
          incidentTitle: notified.title,
          ruleName: 'NCUA 12 CFR 748.1(c)',
          citation: '12 CFR 748.1(c)',
          basis: 'Provider notice',
          decidedBy: 'Dana',
          decidedAt: new Date('2026-03-10T12:00:00Z'),
          clockStartedAt: new Date('2026-03-10T12:00:00Z'),
          deadlineAt: new Date('2026-03-13T12:00:00Z'),
          notifiedAt: null,
          notifiedTo: null,
          reference: null,
          onTime: null,
        },
      ],
    } as ComplianceReport;
  }

  async function bundleBytes(report = reportOf(), user = examiner) {
    const bundle = await createEvidenceBundle(db, actorOf(user), { report, csvFiles });
    const zip = await readStream(bundle.stream);
    return { bundle, zip, entries: await unzip(zip) };
  }

  const attach = (
    kind: typeof taskKind | typeof incidentKind,
    id: string,
    name: string,
    data: Buffer,
  ) => addAttachment(db, kind as typeof taskKind, actorOf(analyst), id, { fileName: name, data });

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
    analyst = await insertUser(db, 'user', { name: 'Dana Whitfield' });
    examiner = await insertUser(db, 'read_only', { name: 'Erin Examiner' });
    const inserted = await db
      .insert(tasks)
      .values(['Review 1', 'Review 2', 'Review 3', 'Not in the report'].map((title) => ({ title })))
      .returning();
    covered = inserted.slice(0, 3);
    uncovered = inserted[3];
    [inRange, outOfRange, notified] = await insertIncidents(db, [
      { title: 'Phishing wave', createdAt: new Date('2026-03-15T16:00:00Z') },
      { title: 'Last year', createdAt: new Date('2025-06-01T12:00:00Z') },
      { title: 'Provider outage', createdAt: new Date('2026-02-20T12:00:00Z') },
    ]);
    // A month that starts at midnight in Chicago: an incident opened at 03:00 UTC on
    // 1 March is still 28 February there, outside the range.
    await insertIncidents(db, [
      { title: 'Chicago February', createdAt: new Date('2026-03-01T03:00:00Z') },
    ]).then(([early]) => attach(incidentKind, early.id, 'february.txt', Buffer.from('feb')));

    await attach(taskKind, covered[0].id, 'firewall-review Q1.txt', Buffer.from('rules ok\n'));
    await attach(taskKind, covered[0].id, 'screenshot.bin', randomBytes(300_000));
    await attach(taskKind, covered[1].id, 'same name.txt', Buffer.from('first\n'));
    await attach(taskKind, covered[1].id, 'same name.txt', Buffer.from('second\n'));
    // Written straight to the table, as an import or an older version could have stored it:
    // the bundle must not trust the name the upload path cleans today.
    await db.insert(taskAttachments).values({
      taskId: covered[2].id,
      fileName: hostileName,
      contentType: 'text/plain',
      sizeBytes: 5,
      sha256: sha256('hello'),
      data: Buffer.from('hello'),
    });
    await attach(taskKind, uncovered.id, 'elsewhere.txt', Buffer.from('not covered'));
    await attach(incidentKind, inRange.id, 'headers.eml.txt', Buffer.from('Received: x\n'));
    await attach(incidentKind, outOfRange.id, 'old.txt', Buffer.from('old'));
    await attach(incidentKind, notified.id, 'provider-letter.txt', Buffer.from('Dear bank'));
  });
  afterAll(() => test?.drop());

  it('holds the CSVs and every covered attachment, each matching the manifest and the manifest its hash', async () => {
    const { zip, entries } = await bundleBytes();
    expect(verifyBundle(entries)).toEqual([]);
    const manifest = manifestOf(entries);
    const paths = [...entries.keys()];
    expect(paths.slice(0, 2)).toEqual(['csv/occurrences.csv', 'csv/schedules.csv']);
    expect(paths.slice(-3)).toEqual(['manifest.json', 'manifest.sha256', 'README.txt']);
    expect(entries.get('csv/occurrences.csv')!.toString()).toBe(csvFiles[0].text);

    const tickets = manifest.files.filter((f) => f.kind === 'attachment').map((f) => f.ticket);
    expect(tickets).toEqual([
      `TASK-${covered[0].number}`,
      `TASK-${covered[0].number}`,
      `TASK-${covered[1].number}`,
      `TASK-${covered[1].number}`,
      `TASK-${covered[2].number}`,
      `INC-${inRange.number}`,
      `INC-${notified.number}`,
    ]);
    for (const file of manifest.files.filter((f) => f.kind === 'attachment')) {
      expect(file.path).toBe(
        `attachments/${String(file.ticket)}/${String(file.attachmentId)}-${file.path.split('/').pop()!.slice(37)}`,
      );
      expect(file.matchesStored).toBe(true);
      expect(file.sha256).toBe(file.storedSha256);
    }
    // Two files of the same name stay apart (the id leads), and both are there.
    const twins = manifest.files.filter((f) => f.originalFileName === 'same name.txt');
    expect(new Set(twins.map((f) => f.path)).size).toBe(2);
    expect(twins.map((f) => entries.get(f.path)!.toString()).sort()).toEqual([
      'first\n',
      'second\n',
    ]);

    const hostile = manifest.files.find((f) => f.originalFileName === hostileName)!;
    expect(hostile.path).toMatch(
      new RegExp(`^attachments/TASK-${covered[2].number}/[0-9a-f-]{36}-[^/]+$`),
    );
    expect(hostile.path).not.toMatch(/\.\.|[\u0000-\u001f\u202e]/);
    expect(entries.get(hostile.path)!.toString()).toBe('hello');

    expect(manifest).toMatchObject({
      organization: { name: 'First Prairie Bank', timeZone: 'America/Chicago' },
      range: { from: '2026-03-01', to: '2026-03-31' },
      generatedAt: '2026-04-01T15:00:00.000Z',
      counts: { occurrences: 4, tasks: 3, incidents: 2, attachments: 7 },
      mismatches: [],
    });
    expect(String(manifest.generatedBy)).toContain('Erin Examiner');

    const readme = entries.get('README.txt')!.toString();
    expect(readme).toContain('sha256sum -c manifest.sha256');
    expect(readme).toContain(sha256(entries.get('manifest.json')!));

    const [run] = await db
      .select()
      .from(reportRuns)
      .where(eq(reportRuns.sha256, sha256(zip)));
    expect(run).toMatchObject({
      kind: 'bundle',
      channel: 'download',
      generatedById: examiner.id,
      rowCount: manifest.files.length,
      params: {
        from: '2026-03-01',
        to: '2026-03-31',
        manifestSha256: sha256(entries.get('manifest.json')!),
      },
    });
  });

  it('shows a swapped byte in any file, and a changed manifest', async () => {
    const { entries } = await bundleBytes();
    const manifest = manifestOf(entries);
    const target = manifest.files.find((f) => f.originalFileName === 'screenshot.bin')!;
    const swapped = new Map(entries);
    const bytes = Buffer.from(entries.get(target.path)!);
    bytes[1000] ^= 0x01;
    swapped.set(target.path, bytes);
    expect(verifyBundle(swapped)).toEqual([`${target.path}: FAILED`]);

    // Covering the swap by editing the manifest breaks the manifest's own hash.
    const edited = new Map(swapped);
    const text = entries.get('manifest.json')!.toString().replace(target.sha256, sha256(bytes));
    edited.set('manifest.json', Buffer.from(text));
    expect(verifyBundle(edited)).toEqual(['manifest.json: FAILED']);

    const csv = new Map(entries);
    csv.set('csv/schedules.csv', Buffer.from('schedule_id,planned\n1,2\n'));
    expect(verifyBundle(csv)).toEqual(['csv/schedules.csv: FAILED']);
  });

  it('records an attachment whose bytes no longer match the hash stored at upload, visibly', async () => {
    const [stored] = await db
      .select()
      .from(incidentAttachments)
      .where(eq(incidentAttachments.incidentId, inRange.id));
    const tampered = Buffer.from(stored.data);
    tampered[0] ^= 0x20;
    await bypassingEvidenceTriggers(db, (tx) =>
      tx
        .update(incidentAttachments)
        .set({ data: tampered })
        .where(eq(incidentAttachments.id, stored.id)),
    );
    try {
      const { zip, entries } = await bundleBytes();
      // The zip holds what the database holds now, and says it differs from what was uploaded.
      expect(verifyBundle(entries)).toEqual([]);
      const manifest = manifestOf(entries);
      const file = manifest.files.find((f) => f.attachmentId === stored.id)!;
      expect(file).toMatchObject({ matchesStored: false, storedSha256: stored.sha256 });
      expect(file.sha256).toBe(sha256(tampered));
      expect(manifest.mismatches).toEqual([
        expect.objectContaining({
          path: file.path,
          storedSha256: stored.sha256,
          sha256: sha256(tampered),
        }),
      ]);
      expect(entries.get('README.txt')!.toString()).toContain(`WARNING: 1 attachment(s)`);
      const [run] = await db
        .select()
        .from(reportRuns)
        .where(eq(reportRuns.sha256, sha256(zip)));
      const [logged] = await db
        .select()
        .from(activityLog)
        .where(and(eq(activityLog.entityId, run.id), eq(activityLog.action, 'report.generated')));
      expect(logged.changes.params.new).toMatchObject({ attachmentMismatches: 1 });
      expect(run.params).toMatchObject({ attachmentMismatches: 1 });
    } finally {
      await bypassingEvidenceTriggers(db, (tx) =>
        tx
          .update(incidentAttachments)
          .set({ data: stored.data })
          .where(eq(incidentAttachments.id, stored.id)),
      );
    }
  });

  it('narrows incidents by the policy filter as the report does, tasks by the occurrences', async () => {
    const { entries } = await bundleBytes(
      reportOf({ policyId: '00000000-0000-4000-8000-00000000abcd' }),
    );
    const tickets = manifestOf(entries)
      .files.filter((f) => f.kind === 'attachment')
      .map((f) => String(f.ticket));
    // No incident carries that policy; the notified one is in the report's notices all the same.
    expect(tickets.filter((t) => t.startsWith('INC-'))).toEqual([`INC-${notified.number}`]);
    expect(tickets.filter((t) => t.startsWith('TASK-'))).toHaveLength(5);
  });

  it('records a download cancelled half-way as not completed, and no report run', async () => {
    const before = await db.$count(reportRuns);
    const bundle = await createEvidenceBundle(db, actorOf(examiner), {
      report: reportOf(),
      csvFiles,
    });
    const reader = bundle.stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    const [incomplete] = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'report.bundle-incomplete'))
      .orderBy(sql`${activityLog.id} desc`)
      .limit(1);
    expect(incomplete).toMatchObject({ actorId: examiner.id, entityType: 'report' });
    expect(incomplete.changes.reason.new).toBe('the download was cancelled before the end');
    expect(Number(incomplete.changes.bytes.new)).toBeGreaterThan(0);
    expect(await db.$count(reportRuns)).toBe(before);
  });

  it('records a bundle that failed while reading an attachment, and fails the download', async () => {
    const [doomed] = await attach(
      incidentKind,
      inRange.id,
      'deleted-soon.txt',
      Buffer.from('x'),
    ).then((a) => [a]);
    const before = await db.$count(reportRuns);
    const bundle = await createEvidenceBundle(db, actorOf(examiner), {
      report: reportOf(),
      csvFiles,
    });
    await bypassingEvidenceTriggers(db, (tx) =>
      tx.delete(incidentAttachments).where(eq(incidentAttachments.id, doomed.id)),
    );
    await expect(readStream(bundle.stream)).rejects.toThrow(/is gone/);
    const [incomplete] = await db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'report.bundle-incomplete'))
      .orderBy(sql`${activityLog.id} desc`)
      .limit(1);
    expect(String(incomplete.changes.reason.new)).toMatch(/^failed: Attachment .* is gone/);
    expect(await db.$count(reportRuns)).toBe(before);
  });

  it('bundles the real report: its CSV files as the page downloads them, and the attachments of its generated tasks', async () => {
    await db
      .insert(organization)
      .values({ name: 'First Prairie Bank', timeZone: 'America/Chicago' })
      .onConflictDoUpdate({ target: organization.id, set: { timeZone: 'America/Chicago' } });
    const scheduleId = await createScheduleAt(db, new Date('2026-04-30T12:00:00Z'), {
      name: 'Firewall log review',
      pattern: { kind: 'weekly', interval: 1, weekdays: ['WE'] },
      timeOfDay: '09:00',
      timeZone: 'America/Chicago',
      startDate: '2026-05-01',
      dueInDays: 7,
    });
    const clock = manualClock('2026-05-01T00:00:00Z');
    for (const day of ['2026-05-06', '2026-05-13', '2026-05-20']) {
      clock.set(new Date(`${day}T14:01:00Z`));
      await createGenerationPass({ db, clock, log: () => {}, concurrency: 1 }).run();
    }
    const generated = await db.select().from(tasks).where(eq(tasks.scheduleId, scheduleId));
    expect(generated).toHaveLength(3);
    for (const task of generated)
      await attach(taskKind, task.id, `review ${task.number}.txt`, Buffer.from(`${task.id}\n`));

    const query = new URLSearchParams({ from: '2026-05-01', to: '2026-05-31' });
    const now = new Date('2026-05-21T12:00:00Z');
    const bundle = await generateEvidenceBundle(db, actorOf(examiner), query, {
      timeZone: 'UTC',
      now,
    });
    expect(bundle.fileName).toBe('vigil-evidence-2026-05-01-to-2026-05-31.zip');
    const zip = await readStream(bundle.stream);
    const entries = await unzip(zip);
    expect(verifyBundle(entries)).toEqual([]);

    const report = await getComplianceReport(
      db,
      actorOf(examiner),
      parseComplianceParams(query),
      now,
    );
    for (const file of COMPLIANCE_CSV_FILES)
      expect(entries.get(`csv/${file.name}`)!.toString()).toBe(
        complianceCsv(file, report, 'UTC').text,
      );
    const attached = manifestOf(entries).files.filter((f) => f.kind === 'attachment');
    expect(attached.map((f) => f.ticket).sort()).toEqual(
      generated.map((t) => `TASK-${t.number}`).sort(),
    );
    const [run] = await db
      .select()
      .from(reportRuns)
      .where(eq(reportRuns.sha256, sha256(zip)));
    expect(run).toMatchObject({ kind: 'bundle', params: { from: '2026-05-01', to: '2026-05-31' } });
  });

  it("refuses bad filters with the report page's message, before anything is written", async () => {
    const before = await db.$count(reportRuns);
    const bad = new URLSearchParams({ from: '2026-05-31', to: '2026-05-01' });
    await expect(
      generateEvidenceBundle(db, actorOf(examiner), bad, { timeZone: 'UTC' }),
    ).rejects.toThrow('The last day comes before the first.');
    const unknown = new URLSearchParams({
      from: '2026-05-01',
      to: '2026-05-31',
      framework: 'Nope',
    });
    await expect(
      generateEvidenceBundle(db, actorOf(examiner), unknown, { timeZone: 'UTC' }),
    ).rejects.toThrow('Unknown framework "Nope".');
    expect(await db.$count(reportRuns)).toBe(before);
  });

  it('covers a report naming more tasks than a statement can bind parameters (five years of daily schedules)', async () => {
    const many = await db.execute<{ id: string; number: number }>(
      sql`insert into tasks (title) select 'Bulk ' || g from generate_series(1, 70000) g returning id, number`,
    );
    const report = reportOf();
    report.occurrences = many.map((t, i) => ({
      ...occurrence(covered[0], 0),
      periodKey: `day:${i}`,
      task: { ...occurrence(covered[0], 0).task!, id: t.id, number: t.number },
    }));
    report.occurrences.push(occurrence(covered[1], 1));
    const { attachments, taskCount } = await getCoveredAttachments(db, report);
    expect(taskCount).toBe(70_001);
    expect(attachments.filter((a) => a.kind === 'task').map((a) => a.fileName)).toEqual([
      'same name.txt',
      'same name.txt',
    ]);
  });

  it('is refused to a role without tickets.export, before anything is read or logged', async () => {
    const before = await db.$count(reportRuns);
    const actor = { ...actorOf(examiner), role: 'guest' as Role };
    await expect(
      createEvidenceBundle(db, actor, { report: reportOf(), csvFiles }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.$count(reportRuns)).toBe(before);
  });
});

/**
 * What only a database superuser can do, and what the bundle must notice: change or remove an
 * attachment behind Vigil's back, past the triggers that refuse it to everyone else.
 */
async function bypassingEvidenceTriggers(
  db: Db,
  change: (tx: Tx) => Promise<unknown>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await change(tx);
  });
}

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  devMailbox,
  incidentAttachments,
  incidentNoticeClocks,
  noticeRules,
  outbox,
  teamMembers,
  type Incident,
  type NoticeRule,
  type User,
} from '@/db/schema';
import { ALL_JOBS, FIXED_SCHEDULERS } from '@/jobs/all-jobs';
import { CHECK_NOTICE_CLOCKS, checkNoticeClocksJob } from '@/jobs/check-notice-clocks';
import { laneOf } from '@/jobs/lanes';
import type { JobContext } from '@/jobs/registry';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createDevMailboxTransport } from '@/lib/email/dev-mailbox-transport';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import {
  getIncidentNoticeClocks,
  getRunningNoticeClocks,
  getRunningNoticeClocksFor,
  markIncidentNotifiable,
  recordNoticeNotification,
} from '@/lib/notice-clocks/incident-clocks';
import {
  createNoticeRule,
  getNoticeRules,
  setNoticeRuleEnabled,
  updateNoticeRule,
} from '@/lib/notice-clocks/rules';
import { syncNoticeRules } from '@/lib/notice-clocks/sync-notice-rules';
import { queueNoticeClockWarnings } from '@/lib/notice-clocks/warnings';
import { isoToLocalInput } from '@/lib/time/local-input';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertIncidents, insertTeam, insertUser } from '../support/incident-fixtures';

let test: TestDatabase;
let db: Db;
let admin: User;
let analyst: User;
let teammate: User;
let auditor: User;
let ncua: NoticeRule;
let occ: NoticeRule;

const HOUR = 3_600_000;
const local = (at: Date) => isoToLocalInput(at, 'UTC');

async function incident(values: Partial<Incident> = {}): Promise<Incident> {
  const [row] = await insertIncidents(db, [{ ownerUserId: analyst.id, ...values }]);
  return row;
}

async function rule(key: string): Promise<NoticeRule> {
  const [row] = await db.select().from(noticeRules).where(eq(noticeRules.builtinKey, key));
  return row;
}

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  admin = await insertUser(db, 'admin', { name: 'Avery Admin', timeZone: 'America/Chicago' });
  analyst = await insertUser(db, 'user', { name: 'Dana Reyes' });
  const team = await insertTeam(db, 'TRAC');
  teammate = await insertUser(db, 'user', { name: 'Sam Team', teamIds: [team] });
  auditor = await insertUser(db, 'read_only', { name: 'Ola Auditor' });
  ncua = await setNoticeRuleEnabled(db, actorOf(admin), {
    ruleId: (await rule('ncua-748-72h')).id,
    enabled: true,
    version: (await rule('ncua-748-72h')).version,
  });
  occ = await rule('occ-fed-fdic-36h');
});

afterAll(() => test?.drop());

describe('the shipped rules', () => {
  it('are seeded disabled by the migration, once, and a resync keeps what the organization chose', async () => {
    await syncNoticeRules(db);
    await syncNoticeRules(db);
    const rows = await db.select().from(noticeRules);
    const builtins = rows.filter((r) => r.builtinKey);
    expect(builtins.map((r) => r.builtinKey).sort()).toEqual([
      'bank-service-provider-4h',
      'ncua-748-72h',
      'occ-fed-fdic-36h',
    ]);
    expect(builtins.find((r) => r.builtinKey === 'occ-fed-fdic-36h')!.enabled).toBe(false);
    expect(builtins.find((r) => r.builtinKey === 'ncua-748-72h')!.enabled).toBe(true);
    expect(builtins.every((r) => r.citation && r.summary)).toBe(true);
  });
});

describe('managing the rules', () => {
  it('is for administrators, with a version and an activity row', async () => {
    await expect(
      setNoticeRuleEnabled(db, actorOf(analyst), { ruleId: occ.id, enabled: true, version: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // A page drawn before NCUA was enabled is refused, not obeyed.
    await expect(
      setNoticeRuleEnabled(db, actorOf(admin), {
        ruleId: ncua.id,
        enabled: false,
        version: ncua.version - 1,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const [row] = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, ncua.id), eq(activityLog.action, 'notice-rule.enabled')));
    expect(row.actorId).toBe(admin.id);
  });

  it('adds and edits the organization’s own rules, refusing bad input field by field', async () => {
    const bad = await createNoticeRule(db, actorOf(admin), {
      name: '',
      notify: 'x',
      citation: '',
      summary: '',
      deadlineHours: '0',
      clockStartsWhen: '',
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual([
      'clockStartsWhen',
      'deadlineHours',
      'name',
    ]);
    const taken = await createNoticeRule(db, actorOf(admin), {
      name: occ.name.toUpperCase(),
      notify: 'x',
      deadlineHours: '10',
      clockStartsWhen: 'x',
    }).catch((e: unknown) => e);
    expect((taken as ValidationError).fieldErrors).toHaveProperty('name');

    const state = await createNoticeRule(db, actorOf(admin), {
      name: 'Iowa breach notice',
      notify: 'Affected Iowa residents',
      citation: 'Iowa Code 715C',
      summary: 'Tell affected residents within 60 days.',
      deadlineHours: '1440',
      clockStartsWhen: 'discovery of the breach',
    });
    expect(state.enabled).toBe(true);
    const edited = await updateNoticeRule(db, actorOf(admin), {
      ruleId: state.id,
      version: state.version,
      name: 'Iowa breach notice',
      notify: 'Affected Iowa residents',
      citation: 'Iowa Code 715C.2',
      summary: 'Tell affected residents in the most expeditious manner possible.',
      deadlineHours: '1440',
      clockStartsWhen: 'discovery of the breach',
    });
    expect(edited.citation).toBe('Iowa Code 715C.2');
    expect(edited.version).toBe(state.version + 1);
    await expect(
      updateNoticeRule(db, actorOf(admin), {
        ruleId: state.id,
        version: state.version,
        name: 'Stale',
        notify: 'x',
        deadlineHours: '1',
        clockStartsWhen: 'x',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    // The shipped rules' words are the rule's, not ours to edit.
    await expect(
      updateNoticeRule(db, actorOf(admin), {
        ruleId: occ.id,
        version: occ.version,
        name: 'Shorter',
        notify: 'x',
        deadlineHours: '48',
        clockStartsWhen: 'x',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const names = (await getNoticeRules(db)).map((r) => r.name);
    expect(names).toContain('Iowa breach notice');
  });
});

describe('marking an incident notifiable', () => {
  it('needs tickets.work, an enabled rule, a basis and a start not in the future', async () => {
    const inc = await incident();
    const input = { ruleId: ncua.id, ruleVersion: ncua.version, basis: 'Member data exposed.' };
    await expect(
      markIncidentNotifiable(db, actorOf(auditor), inc.id, input),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const noBasis = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ...input,
      basis: '   ',
    }).catch((e: unknown) => e);
    expect((noBasis as ValidationError).fieldErrors).toHaveProperty('basis');
    const future = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ...input,
      clockStartedAt: local(new Date(Date.now() + 2 * HOUR)),
    }).catch((e: unknown) => e);
    expect((future as ValidationError).fieldErrors).toHaveProperty('clockStartedAt');
    const disabled = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ...input,
      ruleId: occ.id,
      ruleVersion: occ.version,
    }).catch((e: unknown) => e);
    expect((disabled as ValidationError).fieldErrors).toHaveProperty('ruleId');
    const stale = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ...input,
      ruleVersion: ncua.version - 1,
    }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(
      await db
        .select()
        .from(incidentNoticeClocks)
        .where(eq(incidentNoticeClocks.incidentId, inc.id)),
    ).toEqual([]);
  });

  it('starts the clock when the belief was reached, not when it was typed, and logs it', async () => {
    const inc = await incident();
    const startedAt = new Date(Math.floor((Date.now() - 10 * HOUR) / 60_000) * 60_000);
    const clock = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ruleId: ncua.id,
      ruleVersion: ncua.version,
      basis: 'Vendor notice: member data exposed.',
      clockStartedAt: local(startedAt),
    });
    expect(clock.clockStartedAt.toISOString()).toBe(startedAt.toISOString());
    expect(clock.deadlineAt.getTime() - startedAt.getTime()).toBe(72 * HOUR);
    expect(clock.decidedById).toBe(analyst.id);
    const [row] = await db
      .select()
      .from(activityLog)
      .where(
        and(eq(activityLog.entityId, inc.id), eq(activityLog.action, 'incident.notice-marked')),
      );
    expect(row.changes).toMatchObject({ basis: { new: 'Vendor notice: member data exposed.' } });
    // Once per rule.
    await expect(
      markIncidentNotifiable(db, actorOf(analyst), inc.id, {
        ruleId: ncua.id,
        ruleVersion: ncua.version,
        basis: 'Again',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const shown = await getIncidentNoticeClocks(db, inc.id);
    expect(shown).toMatchObject([{ ruleName: ncua.name, decidedByName: 'Dana Reyes' }]);
    expect((await getRunningNoticeClocksFor(db, [inc.id])).get(inc.id)).toHaveLength(1);
  });
});

describe('recording the notification', () => {
  it('stops the clock, with when, to whom, the reference and a copy from the incident', async () => {
    const inc = await incident();
    const other = await incident();
    const [copy] = await db
      .insert(incidentAttachments)
      .values({
        incidentId: inc.id,
        fileName: 'ncua-notice.pdf',
        contentType: 'application/pdf',
        sizeBytes: 3,
        data: Buffer.from('pdf'),
        sha256: 'x'.repeat(64),
      })
      .returning();
    const [foreign] = await db
      .insert(incidentAttachments)
      .values({
        incidentId: other.id,
        fileName: 'other.pdf',
        contentType: 'application/pdf',
        sizeBytes: 3,
        data: Buffer.from('pdf'),
        sha256: 'y'.repeat(64),
      })
      .returning();
    const clock = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ruleId: ncua.id,
      ruleVersion: ncua.version,
      basis: 'Reportable.',
      clockStartedAt: local(new Date(Date.now() - 5 * HOUR)),
    });
    const base = {
      version: clock.version,
      notifiedAt: local(new Date(Date.now() - HOUR)),
      notifiedTo: 'NCUA regional office',
      reference: 'NCUA-2026-0042',
    };
    const wrongCopy = await recordNoticeNotification(db, actorOf(analyst), clock.id, {
      ...base,
      attachmentId: foreign.id,
    }).catch((e: unknown) => e);
    expect((wrongCopy as ValidationError).fieldErrors).toHaveProperty('attachmentId');
    const noWhom = await recordNoticeNotification(db, actorOf(analyst), clock.id, {
      ...base,
      notifiedTo: '',
    }).catch((e: unknown) => e);
    expect((noWhom as ValidationError).fieldErrors).toHaveProperty('notifiedTo');
    await expect(
      recordNoticeNotification(db, actorOf(auditor), clock.id, base),
    ).rejects.toBeInstanceOf(ForbiddenError);

    const done = await recordNoticeNotification(db, actorOf(analyst), clock.id, {
      ...base,
      attachmentId: copy.id,
    });
    expect(done.notifiedTo).toBe('NCUA regional office');
    expect(done.notificationAttachmentId).toBe(copy.id);
    expect(done.recordedById).toBe(analyst.id);
    expect((await getRunningNoticeClocksFor(db, [inc.id])).get(inc.id)).toBeUndefined();
    expect((await getRunningNoticeClocks(db)).some((c) => c.id === clock.id)).toBe(false);
    // The form drawn for the running clock cannot record it twice.
    await expect(
      recordNoticeNotification(db, actorOf(analyst), clock.id, base),
    ).rejects.toBeInstanceOf(ConflictError);
    const [row] = await db
      .select()
      .from(activityLog)
      .where(
        and(eq(activityLog.entityId, inc.id), eq(activityLog.action, 'incident.notice-recorded')),
      );
    expect(row.changes).toMatchObject({ reference: { new: 'NCUA-2026-0042' } });
  });
});

describe('the warnings', () => {
  async function emailsFor(clockIncident: Incident) {
    const rows = await db.select().from(outbox).where(eq(outbox.kind, 'email'));
    return rows.filter(
      (r) => (r.payload as { appPath?: string }).appPath === `/incidents/${clockIncident.number}`,
    );
  }

  it('goes to the owners and the administrators once at 50 %, once at 75 % and once when missed', async () => {
    const inc = await incident({ ownerUserId: null, ownerTeamId: await teamOf(teammate) });
    const start = new Date(Date.now() - HOUR);
    const clock = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ruleId: ncua.id,
      ruleVersion: ncua.version,
      basis: 'Reportable.',
      clockStartedAt: local(start),
    });
    const at = (h: number) => new Date(clock.clockStartedAt.getTime() + h * HOUR);

    await queueNoticeClockWarnings(db, at(35));
    expect(await emailsFor(inc)).toHaveLength(0);

    await queueNoticeClockWarnings(db, at(36));
    await queueNoticeClockWarnings(db, at(37));
    const half = await emailsFor(inc);
    expect(half.map((r) => (r.payload as { to: string }).to).sort()).toEqual(
      [teammate.email, admin.email].sort(),
    );
    expect(
      half.every(
        (r) => (r.payload as { template: string }).template === 'notice-deadline-approaching',
      ),
    ).toBe(true);

    // Two workers at once: one of them sends.
    await Promise.all([queueNoticeClockWarnings(db, at(54)), queueNoticeClockWarnings(db, at(54))]);
    expect(await emailsFor(inc)).toHaveLength(4);

    await Promise.all([queueNoticeClockWarnings(db, at(72)), queueNoticeClockWarnings(db, at(72))]);
    await queueNoticeClockWarnings(db, at(80));
    const all = await emailsFor(inc);
    expect(all).toHaveLength(6);
    const missed = all.filter(
      (r) => (r.payload as { template: string }).template === 'notice-deadline-missed',
    );
    expect(missed).toHaveLength(2);

    const [stored] = await db
      .select()
      .from(incidentNoticeClocks)
      .where(eq(incidentNoticeClocks.id, clock.id));
    expect(stored.warnedHalfAt?.toISOString()).toBe(at(36).toISOString());
    expect(stored.warnedThreeQuartersAt?.toISOString()).toBe(at(54).toISOString());
    expect(stored.warnedMissedAt?.toISOString()).toBe(at(72).toISOString());
    const warned = await db
      .select()
      .from(activityLog)
      .where(
        and(eq(activityLog.entityId, inc.id), eq(activityLog.action, 'incident.notice-warned')),
      );
    expect(warned).toHaveLength(3);

    // Delivered through the real transport: a plain-text part with the link and the reason.
    const deliver = createEmailDeliverer(
      { publicUrl: 'https://vigil.example.com', authSecret: 'x'.repeat(32) },
      createDevMailboxTransport(db),
      'Vigil <vigil@example.com>',
    );
    const toAdmin = missed.find((r) => (r.payload as { to: string }).to === admin.email)!;
    await deliver(toAdmin);
    const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, toAdmin.id));
    expect(mail.subject).toContain('missed');
    expect(mail.text).toContain(`https://vigil.example.com/incidents/${inc.number}`);
    expect(mail.text).toContain('administrator');
    expect(mail.text).toContain(ncua.name);
    const toOwner = missed.find((r) => (r.payload as { to: string }).to === teammate.email)!;
    await deliver(toOwner);
    const [ownerMail] = await db
      .select()
      .from(devMailbox)
      .where(eq(devMailbox.outboxId, toOwner.id));
    expect(ownerMail.text).toContain('a team you belong to');
  });

  it('sends only the latest warning reached when a clock starts late, and none once recorded', async () => {
    const inc = await incident();
    const clock = await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ruleId: ncua.id,
      ruleVersion: ncua.version,
      basis: 'Reportable.',
      clockStartedAt: local(new Date(Date.now() - 60 * HOUR)),
    });
    await queueNoticeClockWarnings(db, new Date());
    const sent = await emailsFor(inc);
    expect(sent.map((r) => (r.payload as { template: string }).template)).toEqual([
      'notice-deadline-approaching',
      'notice-deadline-approaching',
    ]);
    expect((sent[0].payload as { props: { stage: string } }).props.stage).toBe('three-quarters');
    await recordNoticeNotification(db, actorOf(analyst), clock.id, {
      version: clock.version,
      notifiedAt: local(new Date()),
      notifiedTo: 'NCUA',
      reference: 'R-1',
    });
    await queueNoticeClockWarnings(db, new Date(Date.now() + 100 * HOUR));
    expect(await emailsFor(inc)).toHaveLength(2);
  });
});

async function teamOf(user: User): Promise<string> {
  const [row] = await db.select().from(teamMembers).where(eq(teamMembers.userId, user.id));
  return row.teamId;
}

describe('the warning job', () => {
  it('is a Job Scheduler every minute on the time-critical queue, deciding from PostgreSQL', async () => {
    expect(FIXED_SCHEDULERS).toContainEqual({
      id: CHECK_NOTICE_CLOCKS,
      every: 60_000,
      name: CHECK_NOTICE_CLOCKS,
    });
    expect(ALL_JOBS).toContain(checkNoticeClocksJob);
    expect(laneOf(CHECK_NOTICE_CLOCKS)).toBe('critical');
    const inc = await incident();
    await markIncidentNotifiable(db, actorOf(analyst), inc.id, {
      ruleId: ncua.id,
      ruleVersion: ncua.version,
      basis: 'Reportable.',
      clockStartedAt: local(new Date(Date.now() - 40 * HOUR)),
    });
    const context = { db, log: () => {} } as unknown as JobContext;
    const first = await checkNoticeClocksJob.handle({}, context, undefined as never);
    expect(first).toMatchObject({ half: 1 });
    expect(await checkNoticeClocksJob.handle({}, context, undefined as never)).toEqual({
      half: 0,
      'three-quarters': 0,
      missed: 0,
    });
  });
});

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  activityLog,
  incidentPolicies,
  policies,
  policyVersions,
  schedulePolicies,
  taskPolicies,
  taskSchedules,
} from '@/db/schema';
import { ConflictError, ForbiddenError, ValidationError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { getPickerOptions } from '@/lib/pickers';
import { getPolicyGroups } from '@/lib/policies/get-policies';
import { getPolicyDetail } from '@/lib/policies/get-policy';
import { getPolicyRates } from '@/lib/policies/get-policy-rates';
import { createCustomPolicy } from '@/lib/policies/create-policy';
import { retirePolicy, reactivatePolicy } from '@/lib/policies/retire-policy';
import { getReviewSchedule } from '@/lib/policies/review-schedule';
import { updateCustomPolicy } from '@/lib/policies/update-policy';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { generatePeriodTask, recordMissedPeriods } from '@/lib/schedules/generate-period';
import { closeTask } from '@/lib/tasks/change-state';
import { recurrenceInWords } from '@/lib/schedules/recurrence';
import { updateSchedule } from '@/lib/schedules/update-schedule';
import { createTask } from '@/lib/tasks/create-task';
import { updateTask } from '@/lib/tasks/update-task';
import { actorOf, insertTeam, insertUser } from '../support/ticket-fixtures';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

let db: Db;

setUpTestDatabase((created) => (db = created.db));

let counter = 0;
function reference() {
  counter += 1;
  return `POL-${counter}`;
}

async function powerUser() {
  return actorOf(await insertUser(db, 'power_user', { name: `Sara Lopez ${++counter}` }));
}

async function versionsOf(policyId: string) {
  return db
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.policyId, policyId))
    .orderBy(policyVersions.version);
}

async function reviewOf(policyId: string) {
  return db.transaction((tx) => getReviewSchedule(tx, policyId));
}

describe('custom policies', () => {
  it('refuses User and Read-only people and writes nothing', async () => {
    const before = await db.$count(policies);
    for (const role of ['user', 'read_only'] as const) {
      const actor = actorOf(await insertUser(db, role));
      expect(
        await rejection(createCustomPolicy(db, actor, { reference: reference(), title: 'Nope' })),
      ).toBeInstanceOf(ForbiddenError);
    }
    const sara = await powerUser();
    const policy = await createCustomPolicy(db, sara, { reference: reference(), title: 'Mine' });
    const user = actorOf(await insertUser(db, 'user'));
    expect(
      await rejection(updateCustomPolicy(db, user, policy.id, { version: 1, title: 'Changed' })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await rejection(retirePolicy(db, user, policy.id, { version: 1, reason: 'gone' })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await db.$count(policies)).toBe(before + 1);
  });

  it('creates version 1, logs it, and keeps every later version readable', async () => {
    const sara = await powerUser();
    const ref = reference();
    const policy = await createCustomPolicy(db, sara, {
      reference: ref,
      title: 'Internal policy to verify user accounts created',
      statement: 'Every account created is matched to an approved request.',
      url: 'https://intranet.example.com/policies/accounts',
    });
    expect(policy).toMatchObject({ framework: 'Custom', custom: true, currentVersion: 1 });
    const updated = await updateCustomPolicy(db, sara, policy.id, {
      version: policy.version,
      statement: 'Every account created or enabled is matched to an approved request.',
      changeNote: 'Enabled accounts too',
    });
    expect(updated.currentVersion).toBe(2);
    const versions = await versionsOf(policy.id);
    expect(versions.map((v) => [v.version, v.statement, v.changeNote])).toEqual([
      [1, 'Every account created is matched to an approved request.', ''],
      [
        2,
        'Every account created or enabled is matched to an approved request.',
        'Enabled accounts too',
      ],
    ]);
    // An owner change alone is no new text: no new version.
    const team = await insertTeam(db, 'Access');
    const owned = await updateCustomPolicy(db, sara, policy.id, {
      version: updated.version,
      owner: `team:${team}`,
    });
    expect(owned.currentVersion).toBe(2);
    expect(owned.ownerTeamId).toBe(team);
    const log = await db
      .select({ action: activityLog.action, changes: activityLog.changes })
      .from(activityLog)
      .where(and(eq(activityLog.entityType, 'policy'), eq(activityLog.entityId, policy.id)))
      .orderBy(activityLog.id);
    expect(log.map((r) => r.action)).toEqual([
      'policy.created',
      'policy.updated',
      'policy.updated',
    ]);
    expect(log[1].changes.policyVersion).toEqual({ old: 1, new: 2 });
  });

  it('refuses a stale version with who changed it', async () => {
    const sara = await powerUser();
    const policy = await createCustomPolicy(db, sara, { reference: reference(), title: 'A' });
    await updateCustomPolicy(db, sara, policy.id, { version: policy.version, title: 'B' });
    const stale = await rejection(
      updateCustomPolicy(db, sara, policy.id, { version: policy.version, title: 'C' }),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as Error).message).toContain(sara.name);
    expect((await versionsOf(policy.id)).map((v) => v.title)).toEqual(['A', 'B']);
  });

  it('refuses catalogue statements', async () => {
    const sara = await powerUser();
    const [catalogue] = await db
      .insert(policies)
      .values({ framework: 'CIS', reference: `T-${reference()}`, title: 'Seeded' })
      .returning();
    const refused = await rejection(
      updateCustomPolicy(db, sara, catalogue.id, { version: catalogue.version, title: 'Mine' }),
    );
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as Error).message).toContain('catalogue');
  });

  it('names the field of bad input and writes nothing', async () => {
    const sara = await powerUser();
    const before = await db.$count(policies);
    const bad = await rejection(
      createCustomPolicy(db, sara, {
        reference: ' ',
        title: '',
        url: 'javascript:alert(1)',
        reviewIntervalMonths: 61,
        owner: 'nobody',
      }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual([
      'owner',
      'reference',
      'reviewIntervalMonths',
      'title',
      'url',
    ]);
    const readOnly = await insertUser(db, 'read_only', { name: 'Rita Reader' });
    const owner = await rejection(
      createCustomPolicy(db, sara, {
        reference: reference(),
        title: 'Owned by a reader',
        owner: `user:${readOnly.id}`,
        reviewIntervalMonths: 12,
      }),
    );
    expect((owner as ValidationError).fieldErrors.owner).toContain('Rita Reader');
    expect(await db.$count(policies)).toBe(before);
  });

  it('says clearly that a reference is taken, whatever its case', async () => {
    const sara = await powerUser();
    const ref = reference();
    const first = await createCustomPolicy(db, sara, { reference: ref, title: 'First' });
    const duplicate = await rejection(
      createCustomPolicy(db, sara, { reference: ref.toLowerCase(), title: 'Second' }),
    );
    expect(duplicate).toBeInstanceOf(ValidationError);
    expect((duplicate as ValidationError).fieldErrors.reference).toBe(
      `Custom ${ref.toLowerCase()} already exists ("First"): choose another reference.`,
    );
    const other = await createCustomPolicy(db, sara, { reference: reference(), title: 'Other' });
    const renamed = await rejection(
      updateCustomPolicy(db, sara, other.id, { version: other.version, reference: ref }),
    );
    expect((renamed as ValidationError).fieldErrors.reference).toContain('already exists');
    expect(first.reference).toBe(ref);
  });
});

describe('review schedules', () => {
  it('are created with the policy, follow its owner and interval, and pause when retired or cleared', async () => {
    const sara = await powerUser();
    const justin = await insertUser(db, 'user', { name: 'Justin Park' });
    const now = new Date('2026-12-01T15:00:00Z');
    const policy = await createCustomPolicy(
      db,
      sara,
      {
        reference: reference(),
        title: 'Internal policy to verify user accounts created',
        owner: `user:${justin.id}`,
        reviewIntervalMonths: 12,
      },
      now,
    );
    const review = (await reviewOf(policy.id))!;
    expect(review).toMatchObject({
      name: 'Review policy: Internal policy to verify user accounts created',
      ownerUserId: justin.id,
      active: true,
      reviewOfPolicyId: policy.id,
      pattern: { kind: 'monthly-day', day: 1, interval: 12 },
      startDate: '2027-12-01',
    });
    expect(review.nextOccurrenceAt?.toISOString().slice(0, 10)).toBe('2027-12-01');
    expect(recurrenceInWords(review)).toContain('Every 12 months on');
    const mapped = await db
      .select()
      .from(schedulePolicies)
      .where(eq(schedulePolicies.scheduleId, review.id));
    expect(mapped.map((m) => [m.policyId, m.policyVersion])).toEqual([[policy.id, 1]]);

    const team = await insertTeam(db, 'Access');
    const edited = await updateCustomPolicy(
      db,
      sara,
      policy.id,
      {
        version: policy.version,
        owner: `team:${team}`,
        reviewIntervalMonths: 6,
        title: 'Accounts',
      },
      now,
    );
    expect(await reviewOf(policy.id)).toMatchObject({
      id: review.id,
      name: 'Review policy: Accounts',
      ownerTeamId: team,
      ownerUserId: null,
      pattern: { kind: 'monthly-day', interval: 6 },
      active: true,
    });

    const cleared = await updateCustomPolicy(
      db,
      sara,
      policy.id,
      { version: edited.version, reviewIntervalMonths: '' },
      now,
    );
    expect((await reviewOf(policy.id))!.active).toBe(false);
    const again = await updateCustomPolicy(
      db,
      sara,
      policy.id,
      { version: cleared.version, reviewIntervalMonths: 3 },
      now,
    );
    expect(await reviewOf(policy.id)).toMatchObject({
      id: review.id,
      active: true,
      pattern: { kind: 'monthly-day', interval: 3 },
    });

    const retired = await retirePolicy(db, sara, policy.id, {
      version: again.version,
      reason: 'Replaced by POL-99',
    });
    expect(retired).toMatchObject({ active: false, retiredReason: 'Replaced by POL-99' });
    expect(retired.retiredById).toBe(sara.userId);
    expect((await reviewOf(policy.id))!.active).toBe(false);
    expect(await db.$count(taskSchedules, eq(taskSchedules.reviewOfPolicyId, policy.id))).toBe(1);

    const back = await reactivatePolicy(db, sara, policy.id, { version: retired.version });
    expect(back.active).toBe(true);
    expect((await reviewOf(policy.id))!.active).toBe(true);
  });

  it('a retire needs a reason, and a policy without interval has no schedule', async () => {
    const sara = await powerUser();
    const policy = await createCustomPolicy(db, sara, { reference: reference(), title: 'Plain' });
    expect(await reviewOf(policy.id)).toBeUndefined();
    const noReason = await rejection(
      retirePolicy(db, sara, policy.id, { version: policy.version, reason: '  ' }),
    );
    expect((noReason as ValidationError).fieldErrors.reason).toBe('Say why the policy is retired.');
    const retired = await retirePolicy(db, sara, policy.id, {
      version: policy.version,
      reason: 'Obsolete',
    });
    expect(await reviewOf(policy.id)).toBeUndefined();
    // No longer offered; still there for what it is attached to.
    const options = await getPickerOptions(db);
    expect(options.policies.some((p) => p.id === policy.id)).toBe(false);
    expect(
      await rejection(retirePolicy(db, sara, policy.id, { version: retired.version, reason: 'x' })),
    ).toBeInstanceOf(ConflictError);
  });
});

describe('version pinning', () => {
  it('keeps the version a link was attached at when an edit leaves it in place', async () => {
    const sara = await powerUser();
    const worker = actorOf(await insertUser(db, 'user'));
    const policy = await createCustomPolicy(db, sara, { reference: reference(), title: 'V1' });
    const other = await createCustomPolicy(db, sara, { reference: reference(), title: 'Other' });

    const { incident } = await createIncident(db, worker, {
      title: 'Accounts created without a ticket',
      policyIds: [policy.id],
    });
    const { task } = await createTask(db, worker, {
      title: 'Check the accounts',
      policyIds: [policy.id],
    });
    const schedule = await createSchedule(db, sara, {
      name: 'Accounts created',
      pattern: { kind: 'monthly-day', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
      dueInDays: 4,
      policyIds: [policy.id],
    });

    const v2 = await updateCustomPolicy(db, sara, policy.id, {
      version: policy.version,
      title: 'V2',
    });
    expect(v2.currentVersion).toBe(2);

    // Edits that keep the policy (and add another) must not re-pin it.
    await updateIncident(db, worker, incident.id, {
      version: incident.version,
      title: 'Accounts created without a request',
      policyIds: [policy.id, other.id],
    });
    await updateTask(db, worker, task.id, {
      version: task.version,
      title: 'Check the new accounts',
      policyIds: [policy.id],
    });
    await updateSchedule(db, sara, schedule.id, {
      version: schedule.version,
      name: 'Accounts created and enabled',
      policyIds: [policy.id],
    });

    const pinned = async (table: typeof incidentPolicies | typeof taskPolicies) =>
      db
        .select({ policyId: table.policyId, version: table.policyVersion })
        .from(table)
        .where(eq(table.policyId, policy.id));
    expect((await pinned(incidentPolicies)).map((r) => r.version)).toEqual([1]);
    expect((await pinned(taskPolicies)).map((r) => r.version)).toEqual([1]);
    const scheduleLinks = await db
      .select()
      .from(schedulePolicies)
      .where(eq(schedulePolicies.scheduleId, schedule.id));
    expect(scheduleLinks.map((r) => r.policyVersion)).toEqual([1]);

    // A new attachment points at the version in force now.
    const { incident: later } = await createIncident(db, worker, {
      title: 'Later',
      policyIds: [policy.id],
    });
    const [laterLink] = await db
      .select()
      .from(incidentPolicies)
      .where(eq(incidentPolicies.incidentId, later.id));
    expect(laterLink.policyVersion).toBe(2);

    // A task the schedule generates now is attached now: the version in force.
    const [locked] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, schedule.id));
    const generated = await db.transaction((tx) =>
      generatePeriodTask(tx, locked, new Date('2027-01-01T08:00:00Z'), {
        actor: sara,
        lateReason: null,
      }),
    );
    const [generatedLink] = await db
      .select()
      .from(taskPolicies)
      .where(eq(taskPolicies.taskId, generated.task.id));
    expect(generatedLink.policyVersion).toBe(2);

    // Removing and attaching again is a new attachment.
    await updateTask(db, worker, task.id, {
      version: task.version + 1,
      policyIds: [],
    });
    await updateTask(db, worker, task.id, {
      version: task.version + 2,
      policyIds: [policy.id],
    });
    expect(
      (await db.select().from(taskPolicies).where(eq(taskPolicies.taskId, task.id))).map(
        (r) => r.policyVersion,
      ),
    ).toEqual([2]);

    // Retired: kept where attached (an edit that keeps it passes), refused as a new attachment.
    const retired = await retirePolicy(db, sara, policy.id, {
      version: v2.version,
      reason: 'Gone',
    });
    expect(retired.active).toBe(false);
    await updateIncident(db, worker, later.id, {
      version: later.version,
      title: 'Later, renamed',
      policyIds: [policy.id],
    });
    const refused = await rejection(
      createTask(db, worker, { title: 'Too late', policyIds: [policy.id] }),
    );
    expect((refused as ValidationError).fieldErrors.policyIds).toBe(
      `Custom ${policy.reference} is retired and can no longer be attached.`,
    );
  });
});

describe('the Policies page and a policy page', () => {
  it('groups by framework, indents under parents, marks retired and searches by reference or title', async () => {
    const framework = `Test ${reference()}`;
    await db.insert(policies).values([
      { framework, reference: 'PR.AA-10', parentReference: 'PR.AA', title: 'Ten' },
      { framework, reference: 'PR', title: 'Protect' },
      { framework, reference: 'PR.AA-2', parentReference: 'PR.AA', title: 'Two' },
      { framework, reference: 'PR.AA', parentReference: 'PR', title: 'Identity' },
      { framework, reference: 'PR.DS', parentReference: 'PR', title: 'Data', active: false },
    ]);
    const [group] = await getPolicyGroups(db, { framework: framework.toUpperCase() });
    expect(group.framework).toBe(framework);
    expect(group.rows.map((r) => [r.reference, r.depth, r.active])).toEqual([
      ['PR', 0, true],
      ['PR.AA', 1, true],
      ['PR.AA-2', 2, true],
      ['PR.AA-10', 2, true],
      ['PR.DS', 1, false],
    ]);
    const found = await getPolicyGroups(db, { framework, q: 'aa-1' });
    expect(found[0].rows.map((r) => r.reference)).toEqual(['PR.AA-10']);
    expect((await getPolicyGroups(db, { framework, q: 'identity' }))[0].rows).toHaveLength(1);
    expect(await getPolicyGroups(db, { framework, q: 'nothing like it' })).toEqual([]);
  });

  it("lists what is attached with its version, and its schedules' on-time rate", async () => {
    const sara = await powerUser();
    const worker = actorOf(await insertUser(db, 'user'));
    const policy = await createCustomPolicy(db, sara, {
      reference: reference(),
      title: 'Attached',
      reviewIntervalMonths: 12,
    });
    await createTask(db, worker, { title: 'At v1', policyIds: [policy.id] });
    await updateCustomPolicy(db, sara, policy.id, { version: policy.version, title: 'Attached 2' });
    await createTask(db, worker, { title: 'At v2', policyIds: [policy.id] });
    const detail = (await getPolicyDetail(db, policy.id))!;
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(detail.tasks.rows.map((t) => [t.title, t.version])).toEqual([
      ['At v2', 2],
      ['At v1', 1],
    ]);
    expect(detail.schedules).toEqual([
      expect.objectContaining({
        name: 'Review policy: Attached 2',
        version: 1,
        reviewsThisPolicy: true,
      }),
    ]);

    // Two periods of its review schedule in the last 90 days: one closed on time, one missed.
    const review = (await reviewOf(policy.id))!;
    const now = new Date('2027-03-10T12:00:00Z');
    const [locked] = await db.select().from(taskSchedules).where(eq(taskSchedules.id, review.id));
    const { task } = await db.transaction((tx) =>
      generatePeriodTask(tx, locked, new Date('2027-02-01T08:00:00Z'), {
        actor: sara,
        lateReason: null,
      }),
    );
    await db.transaction((tx) =>
      recordMissedPeriods(tx, locked, [new Date('2027-03-01T08:00:00Z')], 'no worker'),
    );
    await closeTask(db, sara, task.id, {
      version: task.version,
      from: 'open',
      findings: 'Still right.',
    });
    const [ninety, year] = await getPolicyRates(db, policy.id, 'America/Chicago', now);
    expect(ninety.counts.missed).toBe(1);
    expect(ninety.counts['on-time']).toBe(1);
    expect(ninety.rate).toBe(0.5);
    expect(year).toMatchObject({
      label: '2027 so far',
      fromDay: '2027-01-01',
      toDay: '2027-03-10',
    });
  });
});

import type { DbOrTx, Tx } from '@/db/client';
import { taskSchedules, type TaskSchedule } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ownerKey } from '@/lib/owners/owner';
import { assertReferencesExist } from '@/lib/tickets/assert-references';
import { parseInput } from '@/lib/validation';
import { nextOccurrence, recurrenceInWords, toRruleString } from './recurrence';
import {
  describeSchedulePolicies,
  describeScheduleWatchers,
  replaceSchedulePolicies,
  replaceScheduleWatchers,
} from './schedule-relations';
import { createScheduleInput, type CreateScheduleInput } from './schemas';

/** Where a schedule comes from: a library template, or a custom policy it reviews (lib/policies). */
export type ScheduleOrigin =
  { templateKey: string; templateVersion: number } | { reviewOfPolicyId: string };

/**
 * Creates a task schedule and logs it; when active, the worker's generator picks up its
 * first occurrence from the cursor. Composable: a library copy creates many in one transaction.
 */
export async function createSchedule(
  db: DbOrTx,
  actor: Actor,
  rawInput: CreateScheduleInput,
  origin?: ScheduleOrigin,
): Promise<TaskSchedule> {
  assertCan(actor, 'schedules.manage');
  const input = parseInput(createScheduleInput, rawInput);
  return db.transaction((tx) => createInTransaction(tx, actor, input, origin));
}

async function createInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof createScheduleInput.parse>,
  origin?: ScheduleOrigin,
): Promise<TaskSchedule> {
  await assertReferencesExist(tx, input);

  const now = new Date();
  const actorId = actor.kind === 'user' ? actor.userId : null;
  const rrule = toRruleString(input);
  const template = origin && 'templateKey' in origin ? origin : undefined;
  const [schedule] = await tx
    .insert(taskSchedules)
    .values({
      name: input.name,
      ...input.owner,
      description: input.description,
      query: input.query,
      pattern: input.pattern,
      timeOfDay: input.timeOfDay,
      timeZone: input.timeZone,
      startDate: input.startDate,
      endDate: input.endDate,
      rrule,
      dueInDays: input.dueInDays,
      tags: input.tags,
      groupName: input.groupName,
      active: input.active,
      activatedAt: input.active ? now : null,
      // It owes the periods whose occurrence comes after it was created (generate-due.ts).
      ruleEffectiveAt: now,
      accountedThrough: now,
      nextOccurrenceAt: input.active ? nextOccurrence(rrule, now) : null,
      templateKey: template?.templateKey ?? null,
      templateVersion: template?.templateVersion ?? null,
      reviewOfPolicyId: origin && 'reviewOfPolicyId' in origin ? origin.reviewOfPolicyId : null,
      createdById: actorId,
      updatedById: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await replaceScheduleWatchers(tx, schedule.id, input.watchers);
  await replaceSchedulePolicies(tx, schedule.id, input.policyIds);

  const watchers = await describeScheduleWatchers(tx, schedule.id);
  const policies = await describeSchedulePolicies(tx, schedule.id);
  await recordActivity(tx, actor, {
    action: 'schedule.created',
    entityType: 'schedule',
    entityId: schedule.id,
    changes: {
      name: { old: null, new: schedule.name },
      recurrence: { old: null, new: recurrenceInWords(input) },
      dueInDays: { old: null, new: schedule.dueInDays },
      active: { old: null, new: schedule.active },
      owner: { old: null, new: ownerKey(schedule) || null },
      ...(schedule.tags.length ? { tags: { old: [], new: schedule.tags } } : {}),
      ...(schedule.groupName ? { groupName: { old: null, new: schedule.groupName } } : {}),
      ...(template
        ? { template: { old: null, new: `${template.templateKey} v${template.templateVersion}` } }
        : {}),
      ...(watchers.length ? { watchers: { old: [], new: watchers } } : {}),
      ...(policies.length ? { policies: { old: [], new: policies } } : {}),
    },
  });
  return schedule;
}

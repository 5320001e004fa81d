import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { taskSchedules, type Policy, type TaskSchedule } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { getOrganization } from '@/lib/organization/get-organization';
import { ownerKey } from '@/lib/owners/owner';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { localParts, type RecurrencePattern } from '@/lib/schedules/recurrence';
import { updateSchedule } from '@/lib/schedules/update-schedule';

// A custom policy with a review interval has its own task schedule, "Review policy: <title>",
// made and kept in step through the schedules' domain functions in the policy's transaction:
// its owner is the policy's, it repeats every N months, and it is paused (never deleted, so
// its record stays) when the policy is retired or loses its interval.

export const REVIEW_DUE_IN_DAYS = 30;
const REVIEW_TIME_OF_DAY = '08:00';

export function reviewScheduleName(policy: Pick<Policy, 'title'>): string {
  const name = `Review policy: ${policy.title}`;
  return name.length > 200 ? `${name.slice(0, 199)}…` : name;
}

function reviewDescription(policy: Pick<Policy, 'framework' | 'reference' | 'title'>): string {
  return `Read ${policy.framework} ${policy.reference} "${policy.title}" again: is it still right, still followed, and still owned by the right people? Record any change as a new version on the policy's page, and say in a note what you checked.`;
}

/** The first review is one interval from today (in the organization's zone), and every interval after. */
function firstReview(
  months: number,
  timeZone: string,
  now: Date,
): { startDate: string; pattern: RecurrencePattern } {
  const { year, month, day } = localParts(now, timeZone);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  const startDate = `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
  return {
    startDate,
    pattern:
      months === 1 ? { kind: 'monthly-day', day } : { kind: 'monthly-day', day, interval: months },
  };
}

export async function getReviewSchedule(
  tx: Tx,
  policyId: string,
): Promise<TaskSchedule | undefined> {
  const [schedule] = await tx
    .select()
    .from(taskSchedules)
    .where(eq(taskSchedules.reviewOfPolicyId, policyId));
  return schedule;
}

function intervalOf(schedule: TaskSchedule): number | null {
  return schedule.pattern.kind === 'monthly-day' ? (schedule.pattern.interval ?? 1) : null;
}

/**
 * Brings the policy's review schedule in line with the policy as just written (`before` is
 * the policy before an edit): creates it when the policy first gets an interval; follows a
 * change of title, owner or interval (what someone changed on the schedule itself otherwise
 * stays); pauses it when the policy is retired or its interval cleared, and resumes it when
 * both come back.
 */
export async function syncReviewSchedule(
  tx: Tx,
  actor: Actor,
  policy: Policy,
  before: Policy | undefined,
  now: Date,
): Promise<TaskSchedule | undefined> {
  const wanted = policy.custom && policy.active ? policy.reviewIntervalMonths : null;
  const existing = await getReviewSchedule(tx, policy.id);
  if (!existing && !wanted) return undefined;

  if (!existing) {
    const organization = await getOrganization(tx);
    const timeZone = organization?.timeZone ?? 'UTC';
    const { startDate, pattern } = firstReview(wanted!, timeZone, now);
    return createSchedule(
      tx,
      actor,
      {
        name: reviewScheduleName(policy),
        owner: ownerKey(policy),
        description: reviewDescription(policy),
        policyIds: [policy.id],
        pattern,
        timeOfDay: REVIEW_TIME_OF_DAY,
        timeZone,
        startDate,
        dueInDays: REVIEW_DUE_IN_DAYS,
      },
      { reviewOfPolicyId: policy.id },
    );
  }

  const changes: Parameters<typeof updateSchedule>[3] = { version: existing.version };
  if (before?.title !== policy.title) changes.name = reviewScheduleName(policy);
  if (ownerKey(before ?? existing) !== ownerKey(policy)) changes.owner = ownerKey(policy);
  if (wanted && intervalOf(existing) !== wanted) {
    const { startDate, pattern } = firstReview(wanted, existing.timeZone, now);
    Object.assign(changes, { startDate, pattern, endDate: null, confirmPeriodChange: true });
  }
  if (existing.active !== Boolean(wanted)) changes.active = Boolean(wanted);
  if (Object.keys(changes).length === 1) return existing;
  return updateSchedule(tx, actor, existing.id, changes, { now });
}

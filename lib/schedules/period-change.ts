import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { tasks, type TaskSchedule } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/time/format';
import { generatePeriodTask, ledgerRows, periodKeyOf, periodLabelOf } from './generate-period';
import { periodKeyFor } from './period-key';
import {
  nextOccurrence,
  nextOccurrences,
  previousOccurrence,
  type RecurrencePattern,
} from './recurrence';

// What a recurrence edit at instant `at` means for the periods: the user is asked to confirm
// an edit that changes which period a task stands for, and the current period is never
// skipped. Periods are identified by their key (lib/schedules/period-key.ts).

type Rule = Pick<TaskSchedule, 'pattern' | 'timeZone' | 'timeOfDay' | 'rrule'>;

const SCHEME_WORDS: Record<string, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  half: 'half-year',
  year: 'year',
};

/** "day", "week", "month"…: what one period of the pattern is. */
export function periodScheme(pattern: RecurrencePattern): string {
  return periodKeyFor(new Date(0), pattern, 'UTC').split(':')[0];
}

/** "April 2026 (Apr 1, 2026, 08:00 CDT)", or "none (the rule has ended)". */
export function nextPeriodInWords(rule: Rule, next: Date | null | undefined): string {
  if (next === undefined) return 'a later period';
  return next
    ? `${periodLabelOf(rule, next)} (${formatDateTime(next, rule.timeZone)})`
    : 'none (the rule has ended)';
}

/** The first occurrence after `at` whose period has no ledger row yet: the next task the rule will make. */
export async function nextTaskOccurrence(
  tx: Tx,
  schedule: Pick<TaskSchedule, 'id'> & Rule,
  at: Date,
): Promise<Date | null | undefined> {
  const upcoming = nextOccurrences(schedule.rrule, at, 8);
  const keys = upcoming.map((o) => periodKeyOf(schedule, o));
  const recorded = await ledgerRows(tx, schedule.id, keys);
  if (!upcoming.length) return null;
  // undefined: eight periods ahead are all recorded (only "Generate now" can do that).
  return upcoming.find((_, i) => !recorded.has(keys[i]));
}

/**
 * Refuses, unless confirmed, an edit of an active schedule that changes the period scheme
 * or whose next occurrence falls in a period that already has its row (that occurrence
 * will make no task): the message says what will happen instead.
 */
export async function assertPeriodChangeConfirmed(
  tx: Tx,
  before: TaskSchedule,
  after: Rule,
  at: Date,
  confirmed: boolean,
): Promise<void> {
  if (confirmed) return;
  const first = nextOccurrence(after.rrule, at);
  const firstKey = first ? periodKeyOf(after, first) : undefined;
  const taken = firstKey ? (await ledgerRows(tx, before.id, [firstKey])).get(firstKey) : undefined;
  const free = await nextTaskOccurrence(tx, { ...after, id: before.id }, at);
  const nextTask = `the next task will be for ${free ? periodLabelOf(after, free) : free === null ? 'no period (the rule has ended)' : 'a later period'}`;

  const problems: string[] = [];
  const oldScheme = periodScheme(before.pattern);
  const newScheme = periodScheme(after.pattern);
  if (oldScheme !== newScheme)
    problems.push(
      `Tasks will stand for a ${SCHEME_WORDS[newScheme]} instead of a ${SCHEME_WORDS[oldScheme]}`,
    );
  if (first && taken) {
    const label = periodLabelOf(after, first);
    const number = taken.taskId
      ? (await tx.select({ number: tasks.number }).from(tasks).where(eq(tasks.id, taken.taskId)))[0]
          ?.number
      : undefined;
    problems.push(
      number !== undefined
        ? `${label} already has its task TASK-${number}`
        : `${label} is already recorded as missed`,
    );
  }
  if (!problems.length) return;
  const message = `${problems.join('; ')}; ${nextTask}. Save again to confirm.`;
  throw new ValidationError({ confirmPeriodChange: message }, message);
}

/**
 * "Never skip the current period": when the old rule still owed an occurrence in the period
 * that holds `at` (judged by the new rule's periods), that period has no row yet, and the new
 * rule will not make it either (its occurrence there, if any, is already past), its task is
 * made now, on time, "recurrence changed", due counted from `at`. It stands at the new rule's
 * occurrence in that period when there is one, else at the old rule's.
 */
export async function generateCurrentPeriod(
  tx: Tx,
  actor: Actor,
  oldRule: Rule,
  after: TaskSchedule,
  at: Date,
) {
  const current = periodKeyOf(after, at);
  const owed = nextOccurrence(oldRule.rrule, at);
  if (!owed || periodKeyOf(after, owed) !== current) return null;
  const upcoming = nextOccurrence(after.rrule, at);
  if (upcoming && periodKeyOf(after, upcoming) === current) return null;
  if ((await ledgerRows(tx, after.id, [current])).size) return null;
  const passed = previousOccurrence(after.rrule, at);
  const occurrence = passed && periodKeyOf(after, passed) === current ? passed : owed;
  const { task } = await generatePeriodTask(tx, after, occurrence, {
    actor,
    lateReason: null,
    reason: 'recurrence changed',
    dueFrom: at,
  });
  return task;
}

import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { tasks, type TaskSchedule } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { formatDateTime } from '@/lib/time/format';
import { generatePeriodTask, ledgerRows } from './generate-period';
import { periodKeyFor } from './period-key';
import { nextOccurrence, nextOccurrences, periodLabel, previousOccurrence, type RecurrencePattern } from './recurrence';

// What a recurrence edit at instant `at` means for the periods: the user is asked to confirm
// an edit that changes which period a task stands for, and the current period is never
// skipped. Periods are identified by their key (lib/schedules/period-key.ts).

type Rule = Pick<TaskSchedule, 'pattern' | 'timeZone' | 'rrule'>;

const SCHEME_WORDS: Record<string, string> = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', half: 'half-year', year: 'year' };

/** "day", "week", "month"…: what one period of the pattern is. */
export function periodScheme(pattern: RecurrencePattern): string {
  return periodKeyFor(new Date(0), pattern, 'UTC').split(':')[0];
}

/** "April 2026 (Apr 1, 2026, 08:00 CDT)", or "none (the rule has ended)". */
export function nextPeriodInWords(rule: Rule, next: Date | null): string {
  return next ? `${periodLabel(next, rule.pattern, rule.timeZone)} (${formatDateTime(next, rule.timeZone)})` : 'none (the rule has ended)';
}

/**
 * Refuses, unless confirmed, an edit of an active schedule that changes the period scheme
 * or whose next occurrence falls in a period that already has its row (that occurrence
 * will make no task): the message says what will happen instead.
 */
export async function assertPeriodChangeConfirmed(tx: Tx, before: TaskSchedule, after: Rule, at: Date, confirmed: boolean): Promise<void> {
  if (confirmed) return;
  const upcoming = nextOccurrences(after.rrule, at, 8);
  const keys = upcoming.map((o) => periodKeyFor(o, after.pattern, after.timeZone));
  const recorded = await ledgerRows(tx, before.id, keys);
  const firstFree = upcoming.find((_, i) => !recorded.has(keys[i]));
  const nextTask = `the next task will be for ${firstFree ? periodLabel(firstFree, after.pattern, after.timeZone) : 'a later period'}`;

  const problems: string[] = [];
  const oldScheme = periodScheme(before.pattern);
  const newScheme = periodScheme(after.pattern);
  if (oldScheme !== newScheme) problems.push(`Tasks will stand for a ${SCHEME_WORDS[newScheme]} instead of a ${SCHEME_WORDS[oldScheme]}`);
  const taken = upcoming.length ? recorded.get(keys[0]) : undefined;
  if (taken) {
    const label = periodLabel(upcoming[0], after.pattern, after.timeZone);
    const number = taken.taskId ? (await tx.select({ number: tasks.number }).from(tasks).where(eq(tasks.id, taken.taskId)))[0]?.number : undefined;
    problems.push(number !== undefined ? `${label} already has its task TASK-${number}` : `${label} is already recorded as missed`);
  }
  if (!problems.length) return;
  const message = `${problems.join('; ')}; ${nextTask}. Save again to confirm.`;
  throw new ValidationError({ confirmPeriodChange: message }, message);
}

/**
 * "Never skip the current period": when the old rule still owed an occurrence in the period
 * that holds `at` (judged by the new rule's periods) and that period has no row yet, its
 * task is made now, on time, "recurrence changed". It stands at the new rule's occurrence in
 * that period when there is one (due counted from `at` if that is earlier), else at the old one.
 */
export async function generateCurrentPeriod(tx: Tx, actor: Actor, oldRule: Rule, after: TaskSchedule, at: Date) {
  const current = periodKeyFor(at, after.pattern, after.timeZone);
  const owed = nextOccurrence(oldRule.rrule, at);
  if (!owed || periodKeyFor(owed, after.pattern, after.timeZone) !== current) return null;
  if ((await ledgerRows(tx, after.id, [current])).size) return null;
  const inPeriod = [previousOccurrence(after.rrule, at), nextOccurrence(after.rrule, at)].find((o) => o && periodKeyFor(o, after.pattern, after.timeZone) === current);
  const occurrence = inPeriod ?? owed;
  const { task } = await generatePeriodTask(tx, after, occurrence, { actor, lateReason: null, reason: 'recurrence changed', dueFrom: at });
  return task;
}

import type { Tx } from '@/db/client';
import type { TaskSchedule } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { queueAdministratorNotice } from '@/lib/notifications/administrator-notice';
import { GENERATION_ACTOR } from './generation-actor';
import {
  generatePeriodTask,
  ledgerRows,
  periodKeyOf,
  recordMissedPeriods,
} from './generate-period';
import { catchUpMissReason, lateReasonFor, type LateCause } from './late-policy';

export type AccountOptions = {
  now: Date;
  /** Why these periods are only now being accounted for, if they come late. */
  cause: LateCause;
  catchUpLimit: number;
  actor?: Actor;
};

export type AccountResult = { tasks: number; missed: number };

/**
 * Gives each occurrence's period its ledger row, in the caller's transaction (which holds
 * the schedule's row lock): a task, on time or late with the reason, or, beyond the
 * catch-up limit, a recorded miss, with one notice to the administrators. A period that
 * already has its row is left alone: it is accounted for, and never gets a second task.
 */
export async function accountForOccurrences(
  tx: Tx,
  schedule: TaskSchedule,
  occurrences: Date[],
  options: AccountOptions,
): Promise<AccountResult> {
  const byKey = new Map<string, Date>();
  for (const at of [...occurrences].sort((a, b) => a.getTime() - b.getTime())) {
    const key = periodKeyOf(schedule, at);
    if (!byKey.has(key)) byKey.set(key, at);
  }
  const existing = await ledgerRows(tx, schedule.id, [...byKey.keys()]);
  const due = [...byKey].filter(([key]) => !existing.has(key)).map(([, at]) => at);
  if (!due.length) return { tasks: 0, missed: 0 };

  const cut = Math.max(0, due.length - options.catchUpLimit);
  const missed = due.slice(0, cut);
  const generated = due.slice(cut);
  if (missed.length) {
    const reason = catchUpMissReason(due.length, options.catchUpLimit, options.cause);
    await recordMissedPeriods(tx, schedule, missed, reason);
    await queueAdministratorNotice(tx, {
      kind: 'periods-missed',
      scheduleId: schedule.id,
      periods: missed.map((at) => ({ periodKey: periodKeyOf(schedule, at), occurrenceAt: at })),
      reason,
    });
  }
  for (const at of generated) {
    await generatePeriodTask(tx, schedule, at, {
      actor: options.actor ?? GENERATION_ACTOR,
      lateReason: lateReasonFor(at, options.now, options.cause),
    });
  }
  return { tasks: generated.length, missed: missed.length };
}

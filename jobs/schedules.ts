import { defaultRepeatStrategy, type Queue, type RepeatStrategy } from 'bullmq';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { taskSchedules } from '@/db/schema';
import { catchUpMissedOccurrences, generateScheduledOccurrence, getSchedule, runLimited } from '@/lib/schedules/generate';
import { isRruleString, nextOccurrence } from '@/lib/schedules/recurrence';
import { GENERATE_OCCURRENCE_JOB, schedulerIdFor, SYNC_SCHEDULE_JOB } from '@/lib/schedules/scheduler-sync';
import { defineJob, type JobContext } from './registry';

/**
 * BullMQ's cron cannot say "every month on day 31 or the last day" or "every 3 weeks on
 * Monday and Friday", so a schedule's Job Scheduler carries its RRULE (with DTSTART;TZID)
 * as its `pattern`, and this strategy (Queue and Worker `settings.repeatStrategy`) answers
 * "next run after `millis`" from it. BullMQ calls it with max(now, the run that just fired),
 * so it must be strictly after. Any other pattern is a cron and keeps BullMQ's default.
 * Returning undefined (the rule has ended) schedules nothing more.
 */
export const repeatStrategy: RepeatStrategy = (millis, opts) => {
  if (opts.pattern && isRruleString(opts.pattern)) return nextOccurrence(opts.pattern, new Date(millis))?.getTime();
  return defaultRepeatStrategy(millis, opts);
};

const schedulePayload = z.object({ scheduleId: z.uuid() });

/** BullMQ names a scheduler's job "repeat:<scheduler id>:<millis of its run>". */
export function occurrenceFromJobId(jobId: string | undefined): Date | undefined {
  const match = /^repeat:schedule:[0-9a-f-]{36}:(\d+)$/.exec(jobId ?? '');
  return match ? new Date(Number(match[1])) : undefined;
}

export const generateOccurrenceJob = defineJob({
  name: GENERATE_OCCURRENCE_JOB,
  schema: schedulePayload,
  async handle({ scheduleId }, { db, log }, job) {
    const occurrenceAt = occurrenceFromJobId(job.id);
    if (!occurrenceAt) {
      log('generate-occurrence without an occurrence in its job id, skipped', { id: job.id });
      return { skipped: 'no occurrence' };
    }
    const result = await generateScheduledOccurrence(db, scheduleId, occurrenceAt);
    if (!result.task) log('occurrence skipped', { scheduleId, occurrenceAt: occurrenceAt.toISOString(), reason: result.skipped });
    return result.task ? { taskId: result.task.id, created: result.created } : { skipped: result.skipped };
  },
});

/** Makes Redis match PostgreSQL for one schedule: a scheduler while active, none while paused. */
export async function syncScheduler(db: Db, queue: Queue, scheduleId: string): Promise<'upserted' | 'removed'> {
  const schedule = await getSchedule(db, scheduleId);
  if (!schedule?.active) {
    await queue.removeJobScheduler(schedulerIdFor(scheduleId));
    return 'removed';
  }
  await upsertScheduler(queue, schedule.id, schedule.rrule);
  return 'upserted';
}

async function upsertScheduler(queue: Queue, scheduleId: string, rrule: string): Promise<void> {
  // Upsert, never remove-then-add: an edit replaces the pending run in one Redis script.
  await queue.upsertJobScheduler(schedulerIdFor(scheduleId), { pattern: rrule }, { name: GENERATE_OCCURRENCE_JOB, data: { scheduleId } });
}

export const syncSchedulerJob = defineJob({
  name: SYNC_SCHEDULE_JOB,
  schema: schedulePayload,
  async handle({ scheduleId }, { db, queue }) {
    return { scheduler: await syncScheduler(db, queue, scheduleId) };
  },
});

/**
 * At worker start and whenever Redis comes back (it may have lost everything): one Job
 * Scheduler per active schedule, none for the others, then the occurrences missed while
 * nothing ran, created late.
 */
export async function reconcileSchedules({ db, queue, log }: Pick<JobContext, 'db' | 'queue' | 'log'>): Promise<{ upserted: number; removed: number; caughtUp: number; ms: number; schedulersMs: number; catchUpMs: number }> {
  const started = Date.now();
  const active = await db.select({ id: taskSchedules.id, rrule: taskSchedules.rrule }).from(taskSchedules).where(eq(taskSchedules.active, true));
  let failed = 0;
  await runLimited(active, 64, async (s) => {
    try {
      await upsertScheduler(queue, s.id, s.rrule);
    } catch (error) {
      failed += 1;
      log('could not upsert a schedule scheduler', { scheduleId: s.id, error: String(error) });
    }
  });

  const wanted = new Set(active.map((s) => schedulerIdFor(s.id)));
  const stale: string[] = [];
  for (let start = 0; ; start += 1000) {
    const page = await queue.getJobSchedulers(start, start + 999, true);
    for (const scheduler of page) if (scheduler.key.startsWith('schedule:') && !wanted.has(scheduler.key)) stale.push(scheduler.key);
    if (page.length < 1000) break;
  }
  await runLimited(stale, 16, async (id) => void (await queue.removeJobScheduler(id)));

  const upsertedAt = Date.now();
  const { created } = await catchUpMissedOccurrences(db);
  const result = {
    upserted: active.length - failed,
    removed: stale.length,
    caughtUp: created,
    ms: Date.now() - started,
    schedulersMs: upsertedAt - started,
    catchUpMs: Date.now() - upsertedAt,
  };
  log('schedules reconciled', result);
  return result;
}

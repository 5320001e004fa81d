import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { createDb, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { taskSchedules } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { nextOccurrence, toRruleString } from '@/lib/schedules/recurrence';
import { createTeam } from '@/lib/teams/teams';
import { createUser } from '@/lib/users/create-user';
import { checkLedger, type CheckedSchedule, type LedgerCheck } from './check-ledger';
import { FAULT_KINDS, planFaults, type FaultKind, type PlannedFault } from './fault-plan';
import { startFaultServices, type FaultServices } from './fault-services';
import { seededRandom } from './random';
import { scheduleMix } from './schedule-mix';
import { superviseWorker, type WorkerExit, type WorkerSupervisor } from './worker-process';
import { removeScratchFolder } from '../../scripts/embedded/postgres-location';

// One fault run: dedicated PostgreSQL and Redis, a real worker process on a compressed clock
// (VIGIL_TEST_CLOCK, lib/time/clock.ts), schedules of every kind, and a seeded plan of
// SIGKILLs, FLUSHALLs and server restarts; then the worker catches up to the end of the
// simulated span and the ledger is compared with the oracle.

export type FaultSuiteSize = {
  schedules: number;
  simulatedStart: Date;
  simulatedDays: number;
  /** Real seconds the simulated span takes: the clock's speed follows. */
  realSeconds: number;
  faults: number;
};

export type FaultSuiteReport = {
  seed: number;
  size: FaultSuiteSize;
  speed: number;
  simulatedEnd: Date;
  faultsByKind: Record<FaultKind, number>;
  faults: (PlannedFault & { tookMs: number; error?: string })[];
  check: LedgerCheck;
  unexpectedWorkerExits: WorkerExit[];
  finalStop: WorkerExit | undefined;
  workerStartMs: number[];
  catchUpMs: number;
  realDurationMs: number;
  /** Kept when the run found a problem (worker log, server logs); removed otherwise. */
  scratch: string;
  problems: string[];
};

const ACTOR = systemActor('fault-suite');
// The worker is started this long before the simulated clock reaches its start, so its own
// start-up does not eat into the span.
const CLOCK_LEAD_MS = 10_000;
const CATCH_UP_TIMEOUT_MS = 120_000;
const STALL_MS = 30_000;
// A task created more than this (real time) after its occurrence must say it is late; the
// generator may legitimately take a moment, at these speeds days of simulated time.
const LATE_TOLERANCE_REAL_MS = 2_000;

export async function runFaultSuite(
  size: FaultSuiteSize,
  seed: number,
  print: (line: string) => void = console.log,
): Promise<FaultSuiteReport> {
  const began = Date.now();
  const random = seededRandom(seed);
  const simulatedEnd = new Date(size.simulatedStart.getTime() + size.simulatedDays * 86_400_000);
  const speed = (size.simulatedDays * 86_400) / size.realSeconds;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-faults-'));
  print(`fault suite: seed ${seed} (replay with VIGIL_FAULTS_SEED=${seed}); files in ${scratch}`);

  let services: FaultServices | undefined;
  let worker: WorkerSupervisor | undefined;
  let report: FaultSuiteReport | undefined;
  try {
    services = await startFaultServices(scratch);
    await migrateDatabase(services.databaseUrl);
    const mix = scheduleMix(size.schedules, random, size.simulatedStart, simulatedEnd);
    const checked = await withDb(services.databaseUrl, (db) =>
      seedSchedules(db, mix, size.simulatedStart),
    );
    print(
      `  ${checked.length} schedules seeded; simulated ${size.simulatedStart.toISOString()} → ${simulatedEnd.toISOString()} at ${Math.round(speed).toLocaleString('en-US')}× (${size.realSeconds} s real)`,
    );

    const realStartMs = Date.now() + CLOCK_LEAD_MS;
    const env = {
      ...withoutTestRunner(process.env),
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      AUTH_SECRET: randomBytes(33).toString('base64url'),
      VIGIL_TEST_CLOCK: `${size.simulatedStart.toISOString()}@${realStartMs}x${speed}`,
      VIGIL_REDIS_PREFIX: 'faults',
      VIGIL_WORKER_CONCURRENCY: process.env.VIGIL_WORKER_CONCURRENCY ?? '4',
      // Loopback only: email goes to the development mailbox in the database.
      SMTP_URL: '',
      RESEND_API_KEY: '',
    };
    worker = superviseWorker(env, path.join(scratch, 'worker.log'));
    const firstStart = await worker.start();
    print(`  worker started in ${(firstStart / 1000).toFixed(1)} s`);
    await sleep(Math.max(0, realStartMs - Date.now()));

    const realSpanMs = size.realSeconds * 1000;
    const plan = planFaults(random, size.faults, realSpanMs * 0.05, realSpanMs * 0.85);
    const faults: FaultSuiteReport['faults'] = [];
    for (const fault of plan) {
      await sleep(Math.max(0, realStartMs + fault.atMs - Date.now()));
      const simulatedNow = new Date(
        size.simulatedStart.getTime() + (Date.now() - realStartMs) * speed,
      );
      const started = Date.now();
      let error: string | undefined;
      try {
        await inject(fault, services, worker);
      } catch (caught) {
        error = (caught as Error).message.split('\n')[0];
      }
      faults.push({ ...fault, tookMs: Date.now() - started, error });
      print(
        `  ${simulatedNow.toISOString().slice(0, 16)}Z ${fault.kind}${fault.downMs ? ` (down ${fault.downMs} ms)` : ''}${error ? ` — ${error}` : ''}`,
      );
    }

    await sleep(Math.max(0, realStartMs + realSpanMs - Date.now()));
    if (!worker.running) await worker.start();
    const catchUpStarted = Date.now();
    const caughtUp = await withDb(services.databaseUrl, (db) => waitForCatchUp(db, simulatedEnd));
    const catchUpMs = Date.now() - catchUpStarted;
    const finalStop = await worker.stop();

    const check = await withDb(services.databaseUrl, (db) =>
      checkLedger(
        db,
        checked,
        { after: size.simulatedStart, until: simulatedEnd },
        {
          simulatedAt: (at) => simulatedFromDatabase(at, realStartMs, size.simulatedStart, speed),
          toleranceMs: LATE_TOLERANCE_REAL_MS * speed,
        },
      ),
    );
    const faultsByKind = Object.fromEntries(
      FAULT_KINDS.map((kind) => [kind, faults.filter((f) => f.kind === kind).length]),
    ) as Record<FaultKind, number>;
    const problems = [
      ...(caughtUp
        ? []
        : [
            `the worker had not accounted for every period up to ${simulatedEnd.toISOString()} within ${CATCH_UP_TIMEOUT_MS / 1000} s after the simulated end`,
          ]),
      ...(
        [
          'duplicates',
          'missing',
          'unexpected',
          'wrongInstant',
          'tasksWithoutLedgerRow',
          'ledgerRowsWithoutTask',
          'missedWithoutReason',
          'lateWithoutReason',
          'lateNotMarked',
        ] as const
      )
        .filter((field) => check[field] > 0)
        .map((field) => `${field}: ${check[field]}`),
      ...faults
        .filter((f) => f.error)
        .map((f) => `fault ${f.kind} could not be injected: ${f.error}`),
      ...worker.unexpectedExits.map(
        (exit) =>
          `the worker exited by itself at ${exit.at.toISOString()} (${exit.signal ?? `code ${exit.code}`})${exit.error ? `: ${exit.error}` : ''}`,
      ),
      ...(finalStop && finalStop.code !== 0
        ? [
            `the worker did not stop cleanly on SIGTERM (${finalStop.signal ?? `code ${finalStop.code}`})`,
          ]
        : []),
    ];
    report = {
      seed,
      size,
      speed,
      simulatedEnd,
      faultsByKind,
      faults,
      check,
      unexpectedWorkerExits: worker.unexpectedExits,
      finalStop,
      workerStartMs: worker.startMs,
      catchUpMs,
      realDurationMs: 0,
      scratch,
      problems,
    };
    if (problems.length)
      print(`  worker log (last lines):\n${worker.logTail(30).replace(/^/gm, '    | ')}`);
    return report;
  } finally {
    if (worker?.running) await worker.stop();
    await services?.stop();
    if (report) report.realDurationMs = Date.now() - began;
    if (report && report.problems.length === 0) removeScratchFolder(scratch);
    else print(`  kept ${scratch} (worker.log, postgres.log, redis/redis.log)`);
  }
}

async function inject(
  fault: PlannedFault,
  services: FaultServices,
  worker: WorkerSupervisor,
): Promise<void> {
  switch (fault.kind) {
    case 'kill-worker':
      await worker.kill();
      await sleep(fault.downMs);
      await worker.start();
      return;
    case 'flush-redis':
      return services.flushRedis();
    case 'restart-redis':
      return services.restartRedis(fault.downMs);
    case 'restart-postgres':
      return services.restartPostgres(fault.downMs);
  }
}

/** Creates the schedules through the domain function, their rules taking effect at `from`. */
async function seedSchedules(
  db: Db,
  mix: ReturnType<typeof scheduleMix>,
  from: Date,
): Promise<CheckedSchedule[]> {
  const team = await createTeam(db, ACTOR, { name: 'Fault suite reviewers' });
  // An administrator, so notices about missed periods have someone to go to.
  await createUser(db, ACTOR, {
    email: 'admin@faults.test',
    name: 'Fault Admin',
    role: 'admin',
    invite: false,
  });
  const checked: CheckedSchedule[] = [];
  for (const spec of mix) {
    const schedule = await createSchedule(db, ACTOR, {
      name: spec.name,
      owner: `team:${team.id}`,
      pattern: spec.pattern,
      timeOfDay: spec.timeOfDay,
      timeZone: spec.timeZone,
      startDate: spec.startDate,
      endDate: spec.endDate,
      dueInDays: 3,
    });
    // As if created at the simulated start: the generation cursor begins there.
    await db
      .update(taskSchedules)
      .set({
        activatedAt: from,
        ruleEffectiveAt: from,
        accountedThrough: from,
        nextOccurrenceAt: nextOccurrence(toRruleString(spec), from),
      })
      .where(eq(taskSchedules.id, schedule.id));
    checked.push({ id: schedule.id, name: spec.name, spec });
  }
  return checked;
}

/**
 * True once no active schedule owes a period at or before `until`; false when that has not
 * happened within the timeout, or when nothing moved for STALL_MS (no use waiting longer).
 */
async function waitForCatchUp(db: Db, until: Date): Promise<boolean> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  let last = '';
  let movedAt = Date.now();
  for (;;) {
    const [progress] = await db.execute<{ owing: number; rows: number }>(
      sql`select (select count(*)::int from task_schedules where active and next_occurrence_at is not null and next_occurrence_at <= ${until.toISOString()}) as owing,
                 (select count(*)::int from schedule_periods) as rows`,
    );
    if (progress.owing === 0) return true;
    const now = Date.now();
    const seen = `${progress.owing} ${progress.rows}`;
    if (seen !== last) [last, movedAt] = [seen, now];
    if (now > deadline || now - movedAt > STALL_MS) return false;
    await sleep(250);
  }
}

/**
 * The simulated instant of a timestamp the database wrote: now() is real time, which the
 * compressed clock maps; a timestamp already in simulated time (the generator may write its
 * clock's time) is left as it is.
 */
function simulatedFromDatabase(
  at: Date,
  realStartMs: number,
  simulatedStart: Date,
  speed: number,
): Date {
  const realWindow =
    at.getTime() > realStartMs - 3_600_000 && at.getTime() < Date.now() + 3_600_000;
  return realWindow
    ? new Date(simulatedStart.getTime() + (at.getTime() - realStartMs) * speed)
    : at;
}

async function withDb<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(url, { max: 2, applicationName: 'vigil-fault-suite' });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** The worker runs as in production: nothing tells it a test runner started it. */
function withoutTestRunner(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST',
    ),
  );
}

import { Worker, type Job, type Queue } from 'bullmq';
import { createDb } from '@/db/client';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createEmailTransport, type MailConfig } from '@/lib/email/mail-config';
import { NO_TRANSPORT_MESSAGE } from '@/lib/email/unconfigured-transport';
import { log, withLogContext } from '@/lib/log';
import { createNotificationDeliverer } from '@/lib/notifications/deliver-notification';
import { systemClock, type Clock } from '@/lib/time/clock';
import { createWebhookDeliverer } from '@/lib/outbox/deliver-webhook';
import {
  createOutboxDrainer,
  OUTBOX_DEFAULTS,
  type Deliverer,
  type DrainOptions,
} from '@/lib/outbox/drain-outbox';
import { ALL_JOBS, FIXED_SCHEDULERS, RECONCILERS } from './all-jobs';
import { createJobDeliverer, DRAIN_OUTBOX } from './drain-outbox';
import { keepSchedulers, removeLegacySchedulers, type FixedScheduler } from './keep-schedulers';
import type { Lane } from './lanes';
import { startOutboxLoop } from './outbox-loop';
import { GENERATOR_CONCURRENCY, workerPoolSize } from './pool-size';
import { createQueue, createRedisConnection, CRITICAL_QUEUE_NAME, QUEUE_NAME } from './queues';
import { createRegistry, type JobDefinition, type JobContext } from './registry';
import { startScheduleGenerator } from './schedule-generator';

export type WorkerOptions = {
  databaseUrl: string;
  redisUrl: string;
  prefix?: string;
  /** Jobs the main queue runs at once (VIGIL_WORKER_CONCURRENCY). */
  concurrency?: number;
  /** Jobs the critical queue (response targets, reminders, digests) runs at once. */
  criticalConcurrency?: number;
  jobs?: JobDefinition[];
  /** Email transport and links; without it the worker delivers no email or notification rows. */
  mail?: MailConfig;
  reconcilers?: ((context: JobContext) => Promise<unknown>)[];
  /** Task schedules' "now" (VIGIL_TEST_CLOCK in the fault suite), and their catch-up limit. */
  clock?: Clock;
  catchUpLimit?: number;
  /** The outbox drain: deliveries in flight, lease, per-delivery timeout, time budget. */
  outbox?: Pick<
    DrainOptions,
    'concurrency' | 'batchSize' | 'leaseMs' | 'deliveryTimeoutMs' | 'budgetMs'
  >;
  /** The outbox's safety-net drain, for a missed NOTIFY and retries coming due. */
  outboxSafetyNetMs?: number;
  fixedSchedulers?: FixedScheduler[];
  /** How often the fixed schedulers are checked in Redis (and put back if lost). */
  reconcileIntervalMs?: number;
  /** How long a shutdown lets outbox deliveries in flight finish before releasing them. */
  shutdownGraceMs?: number;
  retentionDays?: number;
  /** Wraps each outbox deliverer (tests use it to make one message crash the process). */
  wrapDeliverer?: (kind: string, deliver: Deliverer) => Deliverer;
};

export type RunningWorker = {
  close: () => Promise<void>;
  queue: Queue;
  queues: Record<Lane, Queue>;
};

const CRITICAL_CONCURRENCY = 2;

/**
 * Starts a worker: two queues (main and critical) with a BullMQ Worker each, the outbox
 * drained in this process, and the fixed schedulers kept in Redis. Schedule generation
 * starts here too, as a loop of its own.
 */
/** The worker's limit per statement: ten minutes. */
export const WORKER_STATEMENT_TIMEOUT_MS = 10 * 60_000;

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const concurrency = {
    main: options.concurrency ?? 4,
    critical: options.criticalConcurrency ?? CRITICAL_CONCURRENCY,
    outbox: options.outbox?.concurrency ?? OUTBOX_DEFAULTS.concurrency,
  };
  const db = createDb(options.databaseUrl, {
    applicationName: 'vigil-worker',
    max: workerPoolSize(concurrency),
    // Jobs are not interactive, so far more than the web's 15 s; but a statement that runs
    // this long is stuck (jobs work in short batches), and it would hold a worker slot.
    statementTimeoutMs: WORKER_STATEMENT_TIMEOUT_MS,
  });
  const prefix = options.prefix ?? 'vigil';
  const queueConnection = createRedisConnection(options.redisUrl);
  const queues: Record<Lane, Queue> = {
    main: createQueue({ ...options, prefix, connection: queueConnection, name: QUEUE_NAME }),
    critical: createQueue({
      ...options,
      prefix,
      connection: queueConnection,
      name: CRITICAL_QUEUE_NAME,
    }),
  };
  const registry = createRegistry(options.jobs ?? ALL_JOBS);
  // One transport per worker: the SMTP pool and the render cache outlive a single drain.
  const email = options.mail ? createEmailTransport(options.mail, db) : undefined;
  const wrap = options.wrapDeliverer ?? ((_kind: string, deliver: Deliverer) => deliver);
  const deliverers: Record<string, Deliverer> = {
    job: createJobDeliverer(queues),
    // Without mail settings (some tests) links in webhook messages are paths only.
    webhook: createWebhookDeliverer(db, { publicUrl: options.mail?.publicUrl ?? '' }),
    ...(options.mail && email
      ? {
          email: createEmailDeliverer(options.mail, email.transport, email.from),
          notification: createNotificationDeliverer(db, { publicUrl: options.mail.publicUrl }),
        }
      : {}),
  };
  const context: JobContext = {
    db,
    queue: queues.main,
    log: (message, extra) => log('info', message, extra),
    mail: options.mail,
    deliverers,
    retentionDays: options.retentionDays,
  };

  // Task schedules need only PostgreSQL: generating starts before anything waits on Redis.
  const generator = startScheduleGenerator({
    db,
    clock: options.clock ?? systemClock,
    log: context.log,
    concurrency: GENERATOR_CONCURRENCY,
    catchUpLimit: options.catchUpLimit,
  });

  const workerConnections = [
    createRedisConnection(options.redisUrl),
    createRedisConnection(options.redisUrl),
  ];
  const workers = [
    new Worker(QUEUE_NAME, (job: Job) => runJob(job), {
      connection: workerConnections[0],
      prefix,
      concurrency: concurrency.main,
    }),
    new Worker(CRITICAL_QUEUE_NAME, (job: Job) => runJob(job), {
      connection: workerConnections[1],
      prefix,
      concurrency: concurrency.critical,
    }),
  ];

  // Every line a job logs, down to the domain code it calls, carries the job's name and id.
  function runJob(job: Job) {
    return withLogContext({ job: job.name, jobId: job.id, queue: job.queueName }, async () => {
      const definition = registry.get(job.name);
      if (!definition) {
        // Retrying cannot make an unknown job known: log it and let it complete.
        log('warn', 'unknown job name, skipped');
        return { skipped: true };
      }
      const payload = definition.schema.safeParse(job.data);
      if (!payload.success) {
        log('error', 'job payload is invalid, skipped', { issues: payload.error.issues });
        return { skipped: true };
      }
      return definition.handle(payload.data, context, job);
    });
  }

  // Each outbox delivery logs under its row's id (and the kind and topic it delivers).
  const inLogContext =
    (kind: string, deliver: Deliverer): Deliverer =>
    (row) =>
      withLogContext({ outboxId: row.id, outboxKind: kind, topic: row.topic }, () => deliver(row));

  for (const worker of workers) {
    worker.on('failed', (job, error) =>
      log('error', 'job failed', {
        job: job?.name,
        jobId: job?.id,
        attempt: job?.attemptsMade,
        error,
      }),
    );
    worker.on('error', (error) => log('error', 'worker error', { error }));
  }
  for (const queue of Object.values(queues))
    queue.on('error', (error) => log('error', 'queue error', { error }));

  // The outbox: email and webhooks never wait on Redis. 'job' rows are not claimed while
  // the connection is down (they wait, their attempts untouched) and go out once it is back.
  const drainer = createOutboxDrainer(
    db,
    Object.fromEntries(
      Object.entries(deliverers).map(([kind, deliver]) => [
        kind,
        inLogContext(kind, wrap(kind, deliver)),
      ]),
    ),
    {
      ...options.outbox,
      skipKinds: () => (queueConnection.status === 'ready' ? [] : ['job']),
      log: (message, extra) => log('warn', message, extra),
    },
  );
  const outboxLoop = await startOutboxLoop({
    databaseUrl: options.databaseUrl,
    drainer,
    log,
    safetyNetMs: options.outboxSafetyNetMs,
  });

  // Redis may lose the schedulers without a reconnect (FLUSHALL, eviction): checked on a
  // timer, and on every 'ready' (a restart without persistence), when the reconcilers
  // rebuild task schedules from PostgreSQL as well.
  const fixed = options.fixedSchedulers ?? FIXED_SCHEDULERS;
  const keeper = keepSchedulers({
    queues,
    fixed,
    reconcilers: (options.reconcilers ?? RECONCILERS).map((reconcile) => () => reconcile(context)),
    log,
    intervalMs: options.reconcileIntervalMs ?? 20_000,
  });
  try {
    await removeLegacySchedulers(queues.main, fixed, DRAIN_OUTBOX);
  } catch (error) {
    log('warn', 'could not remove the schedulers an older worker kept on the main queue', {
      error,
    });
  }
  await keeper.check(true);
  // After the first check, not before: the first 'ready' would only run it a second time.
  queueConnection.on('ready', () => {
    void keeper.check(true);
    outboxLoop.wake(); // 'job' rows held back while Redis was away
  });
  outboxLoop.wake();

  // Said at every start, and again on each email in Settings → Outbox (its last error).
  if (email?.transport.name === 'none') log('warn', NO_TRANSPORT_MESSAGE);
  log('info', 'worker started', {
    jobs: [...registry.keys()],
    concurrency,
    pool: workerPoolSize(concurrency),
    email: email?.transport.name ?? 'off',
    // Where links in emails point: when VIGIL_PUBLIC_URL is unset, derived (lib/env.ts).
    publicUrl: options.mail?.publicUrl,
  });

  return {
    queue: queues.main,
    queues,
    async close() {
      keeper.stop();
      await generator.close();
      // Stop claiming and give back what is held while the BullMQ workers finish their jobs.
      await Promise.all([
        outboxLoop.close(options.shutdownGraceMs ?? 20_000),
        ...workers.map((w) => w.close()),
      ]);
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await email?.transport.close();
      // BullMQ leaves connections it was given open. disconnect(), not quit(): quit waits
      // forever while Redis is down.
      queueConnection.disconnect();
      for (const connection of workerConnections) connection.disconnect();
      await db.close();
    },
  };
}

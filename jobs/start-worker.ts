import { Worker, type Job } from 'bullmq';
import postgres from 'postgres';
import { createDb } from '@/db/client';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createEmailTransport, type MailConfig } from '@/lib/email/mail-config';
import { log } from '@/lib/log';
import { createNotificationDeliverer } from '@/lib/notifications/deliver-notification';
import { systemClock, type Clock } from '@/lib/time/clock';
import { ALL_JOBS, FIXED_SCHEDULERS, RECONCILERS } from './all-jobs';
import { drainDueOutbox } from './drain-outbox';
import { createQueue, createRedisConnection, QUEUE_NAME } from './queues';
import { createRegistry, type JobDefinition, type JobContext } from './registry';
import { startScheduleGenerator } from './schedule-generator';

export type WorkerOptions = {
  databaseUrl: string;
  redisUrl: string;
  prefix?: string;
  concurrency?: number;
  jobs?: JobDefinition[];
  /** Email transport and links; without it the worker delivers no email or notification rows. */
  mail?: MailConfig;
  reconcilers?: ((context: JobContext) => Promise<unknown>)[];
  /** Task schedules' "now" (VIGIL_TEST_CLOCK in the fault suite), and their catch-up limit. */
  clock?: Clock;
  catchUpLimit?: number;
};

export type RunningWorker = { close: () => Promise<void>; queue: ReturnType<typeof createQueue> };

/** Starts a worker: consumes the queue, keeps the fixed schedulers, listens for outbox wake-ups. */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const db = createDb(options.databaseUrl, { applicationName: 'vigil-worker' });
  const queueConnection = createRedisConnection(options.redisUrl);
  const queue = createQueue({ ...options, connection: queueConnection });
  const registry = createRegistry(options.jobs ?? ALL_JOBS);
  // One transport per worker: the SMTP pool and the render cache outlive a single drain.
  const email = options.mail ? createEmailTransport(options.mail, db) : undefined;
  const context: JobContext = {
    db,
    queue,
    log: (message, extra) => log('info', message, extra),
    mail: options.mail,
    deliverers:
      options.mail && email
        ? {
            email: createEmailDeliverer(options.mail, email.transport, email.from),
            notification: createNotificationDeliverer(db, { publicUrl: options.mail.publicUrl }),
          }
        : undefined,
  };

  // Task schedules need only PostgreSQL: generating starts before anything waits on Redis.
  const generator = startScheduleGenerator({ db, clock: options.clock ?? systemClock, log: context.log, concurrency: options.concurrency ?? 4, catchUpLimit: options.catchUpLimit });

  const workerConnection = createRedisConnection(options.redisUrl);
  const worker = new Worker(QUEUE_NAME, (job: Job) => runJob(job), {
    connection: workerConnection,
    prefix: options.prefix ?? 'vigil',
    concurrency: options.concurrency ?? 4,
  });

  async function runJob(job: Job) {
    const definition = registry.get(job.name);
    if (!definition) {
      // Retrying cannot make an unknown job known: log it and let it complete.
      log('warn', 'unknown job name, skipped', { job: job.name, id: job.id });
      return { skipped: true };
    }
    const payload = definition.schema.safeParse(job.data);
    if (!payload.success) {
      log('error', 'job payload is invalid, skipped', { job: job.name, id: job.id, issues: payload.error.issues });
      return { skipped: true };
    }
    return definition.handle(payload.data, context, job);
  }

  worker.on('failed', (job, error) => log('error', 'job failed', { job: job?.name, id: job?.id, attempt: job?.attemptsMade, error }));
  worker.on('error', (error) => log('error', 'worker error', { error }));
  queue.on('error', (error) => log('error', 'queue error', { error }));

  // Redis may come back empty (restart without persistence, FLUSHALL): put the schedulers
  // back every time the connection is ready, not only at start. Upsert is idempotent.
  const upsertSchedulers = async () => {
    try {
      for (const s of FIXED_SCHEDULERS) await queue.upsertJobScheduler(s.id, { every: s.every }, { name: s.name });
    } catch (error) {
      log('warn', 'could not upsert job schedulers; will retry on reconnect', { error });
    }
  };
  // Schedulers kept in PostgreSQL (task schedules) are rebuilt the same way; one run at a
  // time, since the first 'ready' and the start both ask for it.
  let reconciling: Promise<void> | undefined;
  const reconcile = () =>
    (reconciling ??= (async () => {
      for (const reconciler of options.reconcilers ?? RECONCILERS) {
        try {
          await reconciler(context);
        } catch (error) {
          log('warn', 'reconcile failed; will retry on reconnect', { error });
        }
      }
    })().finally(() => (reconciling = undefined)));
  queueConnection.on('ready', () => void upsertSchedulers().then(reconcile));
  await upsertSchedulers();
  await reconcile();

  // NOTIFY arrives when a transaction that queued side effects commits. Wake-ups are
  // coalesced in the worker: one that arrives during a drain runs another drain after it,
  // so a row committed just after a drain's last look is never left for the safety net.
  const listener = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  let draining: Promise<void> | undefined;
  let closing = false;
  let wokenAgain = false;
  const wake = () => {
    if (draining) {
      wokenAgain = true;
      return;
    }
    draining = (async () => {
      do {
        wokenAgain = false;
        try {
          await drainDueOutbox(context);
        } catch (error) {
          log('warn', 'outbox drain after a wake-up failed; the periodic drain will retry', { error });
        }
      } while (wokenAgain && !closing);
    })().finally(() => (draining = undefined));
  };
  await listener.listen('vigil_outbox', wake, wake);

  log('info', 'worker started', { jobs: [...registry.keys()], concurrency: options.concurrency ?? 4, email: email?.transport.name ?? 'off' });

  return {
    queue,
    async close() {
      closing = true;
      await generator.close();
      await worker.close();
      await listener.end({ timeout: 5 });
      await draining;
      await queue.close();
      await email?.transport.close();
      // BullMQ leaves connections it was given open. disconnect(), not quit(): quit waits
      // forever while Redis is down.
      queueConnection.disconnect();
      workerConnection.disconnect();
      await db.close();
    },
  };
}

import type { Job, Queue } from 'bullmq';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { MailConfig } from '@/lib/email/mail-config';
import type { Deliverer } from '@/lib/outbox/drain-outbox';

export type JobContext = {
  db: Db;
  queue: Queue;
  log: (message: string, extra?: Record<string, unknown>) => void;
  /** Absent in tests that start a worker without email: email and notification rows then wait. */
  mail?: MailConfig;
  /** Outbox deliverers by kind (job, webhook, email, notification), built once per worker. */
  deliverers?: Partial<Record<string, Deliverer>>;
  /** Days delivered bookkeeping is kept (VIGIL_RETENTION_DAYS). */
  retentionDays?: number;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  /** Must be idempotent: BullMQ delivers at least once. */
  handle: (payload: z.output<S>, context: JobContext, job: Job) => Promise<unknown>;
};

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export type JobRegistry = Map<string, JobDefinition>;

export function createRegistry(definitions: JobDefinition[]): JobRegistry {
  const registry: JobRegistry = new Map();
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`job "${definition.name}" is defined twice`);
    registry.set(definition.name, definition);
  }
  return registry;
}

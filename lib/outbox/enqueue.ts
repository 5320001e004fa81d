import { sql } from 'drizzle-orm';
import { outbox } from '@/db/schema';
import type { Tx } from '@/db/client';

export type OutboxMessage = {
  kind: 'job' | 'email' | 'webhook' | 'notification';
  topic: string;
  payload?: Record<string, unknown>;
  /** Deliver no earlier than this (reminders); now by default. */
  availableAt?: Date;
  maxAttempts?: number;
};

/**
 * Queues side effects in the caller's transaction: they are delivered by the worker
 * only if the change commits, and a crash after commit loses none of them.
 */
export async function enqueueOutbox(tx: Tx, ...messages: OutboxMessage[]): Promise<number[]> {
  if (messages.length === 0) return [];
  const rows = await tx
    .insert(outbox)
    .values(
      messages.map((m) => ({
        kind: m.kind,
        topic: m.topic,
        payload: m.payload ?? {},
        availableAt: m.availableAt,
        maxAttempts: m.maxAttempts,
      })),
    )
    .returning({ id: outbox.id });
  return rows.map((r) => r.id);
}

/**
 * Many messages that keep the defaults (deliver now, the usual attempts), in one statement
 * with the rows as a single JSON parameter. A bulk close queues thousands: as a multi-row
 * VALUES with three bind parameters a row, binding them took most of the close's time.
 */
export async function enqueueOutboxMany(
  tx: Tx,
  messages: Omit<OutboxMessage, 'availableAt' | 'maxAttempts'>[],
): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((m) => ({ kind: m.kind, topic: m.topic, payload: m.payload ?? {} }));
  await tx.execute(sql`
    insert into ${outbox} (kind, topic, payload)
    select m.kind, m.topic, m.payload from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as m(kind text, topic text, payload jsonb)`);
}

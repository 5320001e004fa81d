import { z } from 'zod';
import type { OutboxRow } from '@/db/schema';

const webhookPayload = z.object({ url: z.url(), body: z.record(z.string(), z.unknown()) });

/**
 * POSTs a webhook outbox message as JSON. The Idempotency-Key lets a receiver that
 * supports it drop the repeat a crash between sending and recording would cause.
 */
export async function deliverWebhook(message: OutboxRow): Promise<void> {
  const { url, body } = webhookPayload.parse(message.payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Vigil',
      'Idempotency-Key': `vigil-outbox-${message.id}`,
    },
    body: JSON.stringify(body),
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status} ${response.statusText}`);
}

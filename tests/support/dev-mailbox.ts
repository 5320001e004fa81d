import type { Db } from '../../db/client';
import { createDevMailboxTransport } from '../../lib/email/dev-mailbox-transport';

type Message = { subject: string; outboxId: number; idempotencyKey: string };

/** Delivers each message to the development mailbox as the worker would, in order. */
export async function fillDevMailbox(db: Db, messages: Message[]): Promise<void> {
  const transport = createDevMailboxTransport(db);
  for (const { subject, outboxId, idempotencyKey } of messages)
    await transport.send(
      {
        from: 'Vigil <vigil@localhost>',
        to: 'sara@example.com',
        subject,
        html: `<p>${subject}</p>`,
        text: subject,
        headers: {},
      },
      { outboxId, idempotencyKey },
    );
}

import type { DbOrTx } from '@/db/client';
import { devMailbox } from '@/db/schema';
import type { EmailTransport } from './transport';

/** Without a mail server, messages are kept for administrators to read in Settings → Outbox. */
export function createDevMailboxTransport(db: DbOrTx): EmailTransport {
  return {
    name: 'dev-mailbox',
    async send(email, { outboxId }) {
      // Unique per outbox row: a redelivery leaves the one stored message as it is.
      await db
        .insert(devMailbox)
        .values({
          outboxId,
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
        })
        .onConflictDoNothing({ target: devMailbox.outboxId });
    },
    async close() {},
  };
}

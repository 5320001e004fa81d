import type { DbOrTx } from '@/db/client';
import { devMailbox } from '@/db/schema';
import { redactLinks } from './redact-links';
import type { EmailTransport } from './transport';

/**
 * Chosen with VIGIL_MAIL=dev (the default of `npm start`'s embedded database): messages are kept
 * for administrators to read in Settings → Outbox, their links' tokens redacted as stored.
 */
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
          html: redactLinks(email.html),
          text: redactLinks(email.text),
          headers: Object.fromEntries(
            Object.entries(email.headers).map(([name, value]) => [name, redactLinks(value)]),
          ),
        })
        .onConflictDoNothing({ target: devMailbox.outboxId });
    },
    async close() {},
  };
}

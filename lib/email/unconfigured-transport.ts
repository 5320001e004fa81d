import type { EmailTransport } from './transport';

export const NO_TRANSPORT_MESSAGE =
  'No mail transport is configured (set SMTP_URL or RESEND_API_KEY, or VIGIL_MAIL=dev for the ' +
  'development mailbox); the email waits in the outbox and can be retried from Settings → Outbox.';

/**
 * Production without mail settings: every send fails with the reason, so each email stays in
 * the outbox with that error for administrators to see, instead of landing unseen in the
 * development mailbox with a usable link in it.
 */
export function createUnconfiguredTransport(): EmailTransport {
  return {
    name: 'none',
    async send() {
      throw new Error(NO_TRANSPORT_MESSAGE);
    },
    async close() {},
  };
}

import nodemailer from 'nodemailer';
import type { EmailTransport } from './transport';

/**
 * SMTP has no idempotency key: a worker that dies after the server accepted a message and
 * before the outbox recorded it sends it again (at least once; the README says so). The
 * Message-ID is derived from the outbox row, so a careful mail system can still spot repeats.
 */
export function createSmtpTransport(options: { url: string }): EmailTransport {
  const url = new URL(options.url);
  // A pool keeps connections open between messages: a burst (a bulk close) is not one TLS
  // handshake per email.
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transporter = nodemailer.createTransport(url.toString());
  const host = url.hostname || 'localhost';
  return {
    name: 'smtp',
    async send(email, { idempotencyKey }) {
      await transporter.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        messageId: `<${idempotencyKey}@${host}>`,
      });
    },
    async close() {
      transporter.close();
    },
  };
}

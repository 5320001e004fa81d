import { Resend } from 'resend';
import type { EmailTransport } from './transport';

/**
 * Resend honours an Idempotency-Key for 24 hours: a worker that dies after sending and
 * before recording sends again with the same key, and Resend answers without a second email.
 */
export function createResendTransport(options: {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
}): EmailTransport {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const resend = new Resend(
    options.apiKey,
    options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/$/, '') } : undefined,
  );
  return {
    name: 'resend',
    async send(email, { idempotencyKey }) {
      // Without a signal a request to a provider that stops answering waits forever.
      const signal = AbortSignal.timeout(timeoutMs);
      const { error } = await resend.emails.send(
        {
          from: email.from,
          to: [email.to],
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
        },
        { idempotencyKey, signal },
      );
      if (error && signal.aborted)
        throw new Error(`Resend did not answer within ${timeoutMs / 1000} s`);
      // The SDK reports failures as a value, not an exception: turn it into one for the outbox.
      if (error) throw new Error(`Resend refused the email: ${error.name}: ${error.message}`);
    },
    async close() {},
  };
}

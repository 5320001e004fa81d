import net from 'node:net';
import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import type { EmailTransport } from './transport';

/**
 * SMTP has no idempotency key: a worker that dies after the server accepted a message and
 * before the outbox recorded it sends it again (at least once; the README says so). The
 * Message-ID is derived from the outbox row, so a careful mail system can still spot repeats.
 */
export function createSmtpTransport(options: { url: string }): EmailTransport {
  const pool = new SMTPPool({
    // A pool keeps connections open between messages: a burst (a bulk close) is not one
    // handshake per email.
    url: options.url,
    pool: true,
    maxConnections: 10,
    // A server that stops answering fails the delivery (a retry later) instead of holding it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // Nagle's algorithm holds the message's last small segment until the server acknowledges
    // the previous one, which the server delays by 40 ms: five times fewer messages a second.
    getSocket: (socketOptions, callback) => {
      const secure = !!socketOptions.secure;
      const socket = net.connect({
        host: socketOptions.host ?? 'localhost',
        port: socketOptions.port ?? (secure ? 465 : 587),
      });
      socket.setNoDelay(true);
      const failed = (error: Error) => callback(error, undefined);
      socket.once('error', failed);
      socket.once('connect', () => {
        socket.off('error', failed);
        // nodemailer takes it from here: TLS for smtps://, STARTTLS, auth, timeouts.
        callback(null, { connection: socket });
      });
    },
  });
  const transporter = nodemailer.createTransport(pool);
  const host = new URL(options.url).hostname || 'localhost';
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

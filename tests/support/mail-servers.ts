import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string };

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtpServer(): Promise<{
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // A client killed mid-message (a SIGKILLed worker) resets its connection: not an error here.
  server.on('error', () => {});
  // Real mail servers (Postfix, Exim) answer with TCP_NODELAY; without it each reply waits
  // on the client's delayed ACK and loopback throughput is an artefact of the test server.
  server.server.prependListener('connection', (socket: Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export type ResendRequest = {
  idempotencyKey: string | null;
  body: {
    to: string[];
    subject: string;
    html: string;
    text: string;
    headers?: Record<string, string>;
  };
};

/**
 * Stands in for api.resend.com: records every request and, like Resend, answers a repeated
 * Idempotency-Key with the first response instead of sending again. `stall()` holds every
 * answer (the email is sent, the reply never comes, as with a provider that hangs) until
 * `answer()`.
 */
export async function startFakeResend(options: { failWith?: number } = {}) {
  const requests: ResendRequest[] = [];
  const sent = new Map<string, { id: string }>();
  let stalled = false;
  const held: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      requests.push({ idempotencyKey: key, body: JSON.parse(data || '{}') });
      if (options.failWith) {
        res.writeHead(options.failWith, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            name: 'internal_server_error',
            message: 'Resend is having a bad day',
            statusCode: options.failWith,
          }),
        );
        return;
      }
      let result = key ? sent.get(key) : undefined;
      if (!result) {
        result = { id: `email-${requests.length}` };
        sent.set(key ?? result.id, result);
      }
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      };
      if (stalled) held.push(reply);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Distinct emails actually "sent" (after idempotency). */
    sent,
    stall: () => void (stalled = true),
    /** Answers the held requests and every later one at once. */
    answer: () => {
      stalled = false;
      for (const reply of held.splice(0)) reply();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

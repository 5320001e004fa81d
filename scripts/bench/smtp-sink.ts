import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A loopback SMTP server that accepts everything and keeps only a count: a backlog of
// 50,000 emails must cost the benchmark no memory (tests/support/mail-servers.ts keeps
// every message, which is right for tests and wrong here).

export type SmtpSink = { url: string; received(): number; close(): Promise<void> };

export async function startSmtpSink(): Promise<SmtpSink> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  // As real mail servers do: without it each reply waits on the client's delayed ACK.
  server.server.prependListener('connection', (socket: Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

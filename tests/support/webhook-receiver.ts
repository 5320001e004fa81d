import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = {
  path: string;
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown>;
};

export type WebhookReceiver = {
  /** http://127.0.0.1:<port> */
  url: string;
  received: ReceivedWebhook[];
  /** The answers to give next, in order (then 200): `{status: 500}`, a redirect... */
  answerNext(
    ...answers: { status: number; body?: string; headers?: Record<string, string> }[]
  ): void;
  close(): Promise<void>;
};

/** A loopback HTTP server that records every POST and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers: { status: number; body?: string; headers?: Record<string, string> }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // recorded as it came
      }
      received.push({
        path: request.url ?? '/',
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([k, v]) => [k, String(v)]),
        ),
        body,
        json,
      });
      const answer = answers.shift() ?? { status: 200, body: 'ok' };
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body ?? '');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerNext: (...next) => answers.push(...next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

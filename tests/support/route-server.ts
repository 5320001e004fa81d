import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

// A real HTTP server on loopback that serves route handlers as Next.js calls them (a Request,
// and the catch-all's path segments as params), for clients that speak HTTP themselves: the
// official Elasticsearch client, shippers driven by hand.

export type CatchAllHandler = (
  request: Request,
  context: { params: Promise<{ path?: string[] }> },
) => Promise<Response>;

export type SeenRequest = { method: string; path: string; headers: Record<string, string> };

/** `seen`: every request served, as it arrived, for tests that check what a client sent. */
export type RouteServer = { url: string; seen: SeenRequest[]; close(): Promise<void> };

export function toRequest(message: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = !['GET', 'HEAD'].includes(message.method ?? 'GET');
  return new Request(new URL(message.url ?? '/', origin), {
    method: message.method,
    headers,
    body: hasBody ? (Readable.toWeb(message) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
}

export async function send(response: Response, res: ServerResponse, head: boolean): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.appendHeader(name, value));
  if (head || !response.body) return void res.end();
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves `handler` for every path under `prefix` (other paths answer 404). */
export async function serveCatchAll(
  prefix: string,
  handler: CatchAllHandler,
): Promise<RouteServer> {
  let origin = '';
  const seen: SeenRequest[] = [];
  const server: Server = createServer((message, res) => {
    const url = new URL(message.url ?? '/', 'http://loopback');
    const headers = Object.fromEntries(
      Object.entries(message.headers).map(([name, value]) => [name, String(value)]),
    );
    seen.push({ method: message.method ?? 'GET', path: url.pathname, headers });
    const inside = url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
    if (!inside) {
      res.statusCode = 404;
      return void res.end();
    }
    const path = url.pathname
      .slice(prefix.length)
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
    handler(toRequest(message, origin), { params: Promise.resolve({ path }) })
      .then((response) => send(response, res, message.method === 'HEAD'))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

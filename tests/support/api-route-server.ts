import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appRoutes, type RouteFile } from './api-routes';
import { send, toRequest, type RouteServer } from './route-server';

// The app's route handlers behind one loopback HTTP server, routed by the file tree as
// Next.js routes them ([number] → params.number, [...path] → params.path as segments; a
// literal segment wins over a dynamic one, a catch-all comes last), for clients that speak
// HTTP: a generated OpenAPI client, a browser.

type RouteModule = Record<
  string,
  (
    request: Request,
    context: { params: Promise<Record<string, string | string[]>> },
  ) => Promise<Response>
>;

type Route = {
  pattern: RegExp;
  names: string[];
  rank: number;
  catchAll: boolean;
  load: () => Promise<RouteModule>;
};

function compile({ path, file, catchAll }: RouteFile): Route {
  const names: string[] = [];
  const segments = path.split('/');
  const source = segments
    .map((segment, i) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      // A catch-all is the last segment; the optional kind ([[...path]]) also matches nothing.
      return catchAll && i === segments.length - 1 ? '?(.*)' : '([^/]+)';
    })
    .join('/');
  return {
    pattern: new RegExp(`^${source}$`),
    names,
    rank: (catchAll ? 1000 : 0) + names.length,
    catchAll,
    load: () => import(/* @vite-ignore */ file) as Promise<RouteModule>,
  };
}

/** Serves the routes whose path `include` accepts: by default those of /api/v1. */
export async function serveApiRoutes(
  include: (path: string) => boolean = (path) => path.startsWith('/api/v1/'),
): Promise<RouteServer> {
  const routes = appRoutes()
    .filter((route) => include(route.path))
    .map(compile)
    .sort((a, b) => a.rank - b.rank);
  let origin = '';
  const seen: RouteServer['seen'] = [];
  const server = createServer((message, res) => {
    const url = new URL(message.url ?? '/', 'http://loopback');
    seen.push({
      method: message.method ?? 'GET',
      path: url.pathname,
      headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)])),
    });
    const route = routes.find((r) => r.pattern.test(url.pathname));
    if (!route) {
      res.statusCode = 404;
      return void res.end();
    }
    const values = route.pattern.exec(url.pathname)!.slice(1);
    const params = Object.fromEntries(
      route.names.map((name, i) => {
        const last = route.catchAll && i === route.names.length - 1;
        return [
          name,
          last
            ? values[i].split('/').filter(Boolean).map(decodeURIComponent)
            : decodeURIComponent(values[i]),
        ];
      }),
    );
    route
      .load()
      .then(async (module) => {
        const handler = module[message.method ?? 'GET'];
        if (!handler) return new Response(null, { status: 405 });
        return handler(toRequest(message, origin), { params: Promise.resolve(params) });
      })
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

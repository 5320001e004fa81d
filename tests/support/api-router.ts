import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveCatchAll, type RouteServer } from './route-server';

// The app's /api/v1 route files served over real HTTP as Next.js routes them: a static
// segment before a [param], a [param] before a [...catchAll]; a method the file does not
// export answered as Next.js does (HEAD by GET, otherwise an empty 405).

const root = fileURLToPath(new URL('../..', import.meta.url));
const apiDir = path.join(root, 'app/api/v1');

type RouteModule = Record<string, unknown>;
type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

export type ApiRoute = {
  /** The route file's folder under app/api/v1, like `incidents/[number]/notes`. */
  pattern: string;
  segments: string[];
  load(): Promise<RouteModule>;
};

export function apiRouteFiles(): ApiRoute[] {
  const found: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const pattern = path.relative(apiDir, dir).split(path.sep).join('/');
        found.push({
          pattern,
          segments: pattern ? pattern.split('/') : [],
          load: () => import(full) as Promise<RouteModule>,
        });
      }
    }
  };
  walk(apiDir);
  return found;
}

const rank = (segment: string) =>
  segment.startsWith('[...') ? 2 : segment.startsWith('[') ? 1 : 0;

function match(segments: string[], parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.startsWith('[...')) {
      if (i >= parts.length) return null;
      params[segment.slice(4, -1)] = parts.slice(i);
      return params;
    }
    if (i >= parts.length) return null;
    if (segment.startsWith('[')) params[segment.slice(1, -1)] = parts[i];
    else if (segment !== parts[i]) return null;
  }
  return segments.length === parts.length ? params : null;
}

/** The route Next.js would pick for `parts`: the first match, more specific segments first. */
function pick(routes: ApiRoute[], parts: string[]) {
  const ordered = [...routes].sort((a, b) => {
    for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
      const d = rank(a.segments[i] ?? '') - rank(b.segments[i] ?? '');
      if (d) return d;
    }
    return b.segments.length - a.segments.length;
  });
  for (const route of ordered) {
    const params = match(route.segments, parts);
    if (params) return { route, params };
  }
  return null;
}

export async function dispatchApi(routes: ApiRoute[], request: Request): Promise<Response> {
  const parts = new URL(request.url).pathname
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const picked = pick(routes, parts);
  if (!picked) return new Response('<html>404</html>', { status: 404 });
  const routeModule = await picked.route.load();
  const method = request.method === 'HEAD' && !routeModule.HEAD ? 'GET' : request.method;
  const handler = routeModule[method] as Handler | undefined;
  if (!handler) return new Response(null, { status: 405 });
  return handler(request, { params: Promise.resolve(picked.params) });
}

/** A loopback HTTP server answering /api/v1/** with the app's route files. */
export function serveApi(): Promise<RouteServer> {
  const routes = apiRouteFiles();
  return serveCatchAll('/api/v1', (request) => dispatchApi(routes, request));
}

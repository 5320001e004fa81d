import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowHeader, HTTP_METHODS, METHOD_REFUSALS } from '@/lib/api/method-not-allowed';
import { apiRouteFiles, serveApi } from '../support/api-router';
import type { RouteServer } from '../support/route-server';

// Every /api/v1 route file answers every method: its own handlers, 405 problems with `Allow`
// for the rest (lib/api/method-not-allowed.ts), and each of its own, without a token, a 401
// naming the Bearer scheme. A route file added without the line fails here.

// The 404 answers for paths no route serves (tests/integration/api-problems.test.ts).
const UNKNOWN = new Set(['', '[...unknown]']);
// Token-less by design: the document itself, and calendar feeds (the secret in the path is the credential).
const PUBLIC = new Set(['openapi.json', 'calendar/people/[file]', 'calendar/schedules/[file]']);
const routes = apiRouteFiles().filter((r) => !UNKNOWN.has(r.pattern));

/** A path the route serves: any number or id will do, the token is checked first. */
function pathOf(pattern: string): string {
  return `/api/v1/${pattern
    .replace('incidents/[number]', 'incidents/INC-1')
    .replace('tasks/[number]', 'tasks/TASK-1')
    .replace('[id]', '00000000-0000-4000-8000-000000000000')}`;
}

let server: RouteServer;
beforeAll(async () => {
  server = await serveApi();
});
afterAll(() => server?.close());

describe('every /api/v1 route file', () => {
  it('is found', () => {
    expect(routes.length).toBeGreaterThanOrEqual(24);
  });

  it('exports every method, and the refusals name exactly the methods it serves', async () => {
    for (const route of routes) {
      const routeModule = await route.load();
      const missing = HTTP_METHODS.filter((m) => m !== 'HEAD' && !(m in routeModule));
      expect(missing, route.pattern).toEqual([]);
      const served = HTTP_METHODS.filter(
        (m) => m !== 'OPTIONS' && m in routeModule && !METHOD_REFUSALS.has(routeModule[m] as never),
      );
      const response = await fetch(`${server.url}${pathOf(route.pattern)}`, { method: 'OPTIONS' });
      expect(response.status, route.pattern).toBe(204);
      expect(response.headers.get('allow'), route.pattern).toBe(allowHeader(served));
    }
  });

  it('answers a method it does not serve with a 405 problem and Allow', async () => {
    let checked = 0;
    for (const route of routes) {
      const routeModule = await route.load();
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        if (!METHOD_REFUSALS.has(routeModule[method] as never)) continue;
        const response = await fetch(`${server.url}${pathOf(route.pattern)}`, { method });
        expect(response.status, `${method} ${route.pattern}`).toBe(405);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(response.headers.get('allow')).toMatch(/OPTIONS$/);
        expect((await response.json()).status).toBe(405);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(60);
  });

  it('answers each method it serves without a token: 401 with WWW-Authenticate: Bearer', async () => {
    let checked = 0;
    for (const route of routes) {
      if (PUBLIC.has(route.pattern)) continue;
      const routeModule = await route.load();
      for (const method of ['GET', 'POST', 'PATCH'] as const) {
        if (!(method in routeModule) || METHOD_REFUSALS.has(routeModule[method] as never)) continue;
        const response = await fetch(`${server.url}${pathOf(route.pattern)}`, { method });
        const where = `${method} ${route.pattern}`;
        expect(response.status, where).toBe(401);
        expect(response.headers.get('www-authenticate'), where).toMatch(/^Bearer realm="Vigil"/);
        expect(response.headers.get('content-type'), where).toBe('application/problem+json');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(28);
  });
});

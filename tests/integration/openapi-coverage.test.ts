import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { appRoutes, exportedMethods } from '../support/api-routes';

// Every method of every route handler under app/api is in the OpenAPI document, and the
// document names nothing the app does not serve: the file tree is the truth, read afresh.

/** Routes that are not part of the /api/v1 contract, and why. */
const NOT_DOCUMENTED: Record<string, string> = {
  '/api/auth/{nextauth}': "Auth.js's sign-in endpoints, used by the app's own pages",
  '/api/health': 'the load balancers\u2019 probe, not an integration point',
  '/api/ingest/es/{path}':
    'Elasticsearch\'s bulk API for log shippers, documented by Elastic (README, "Sending events")',
  '/api/docs': 'the rendered reference of this document',
  '/api/docs/scalar.js': "the reference page's renderer",
};

type Doc = { paths: Record<string, Record<string, unknown>> };
const doc = buildOpenApiDocument() as Doc;
const routes = appRoutes();
// A catch-all under /api/v1 answers for the paths that do not exist (a 404 in the API's own
// error format); it is no operation of its own.
const apiRoutes = routes.filter(
  (route) =>
    route.path.startsWith('/api/') && !(route.catchAll && route.path.startsWith('/api/v1/')),
);

const documented = (path: string) =>
  Object.keys(doc.paths[path] ?? {})
    .filter((key) => ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'].includes(key))
    .map((method) => method.toUpperCase());

describe('the OpenAPI document covers app/api', () => {
  it('finds the route files (the walk itself works)', () => {
    const paths = routes.map((r) => r.path);
    expect(paths).toContain('/api/v1/incidents/{number}');
    expect(paths).toContain('/api/auth/{nextauth}');
    expect(routes.find((r) => r.path === '/api/v1/events')?.methods.sort()).toEqual([
      'GET',
      'POST',
    ]);
  });

  it('reads the operations a route file exports, in each form, refusals left out', () => {
    const source = [
      'export const GET = withApiAuth(async () => Response.json({}));',
      'export async function PATCH(request: Request) {}',
      "export { POST } from '@/lib/events/api/post-events';",
      "export const { PUT, DELETE, OPTIONS } = otherMethods('GET', 'PATCH', 'POST');",
      'export const HEAD = unknownApiPath;',
      "export const dynamic = 'force-static';",
    ].join('\n');
    expect(exportedMethods(source)).toEqual(['GET', 'POST', 'PATCH']);
    expect(exportedMethods('export const { GET, POST } = handlers;')).toEqual(['GET', 'POST']);
  });

  it('documents every method of every /api route outside the exemptions', () => {
    const missing = apiRoutes
      .filter((route) => !(route.path in NOT_DOCUMENTED))
      .flatMap((route) =>
        route.methods
          // HEAD is answered wherever GET is; the document lists GET.
          .filter((m) => !(m === 'HEAD' && route.methods.includes('GET')))
          .filter((method) => !documented(route.path).includes(method))
          .map((method) => `${method} ${route.path} (${relative(process.cwd(), route.file)})`),
      );
    expect(missing).toEqual([]);
  });

  it('documents no path or method that no route file serves', () => {
    const served = new Map(routes.map((r) => [r.path, r.methods]));
    const phantom = Object.keys(doc.paths).flatMap((path) =>
      documented(path)
        .filter((method) => !served.get(path)?.includes(method))
        .map((method) => `${method} ${path}`),
    );
    expect(phantom).toEqual([]);
  });

  it('exempts only routes that exist', () => {
    const paths = new Set(routes.map((r) => r.path));
    expect(Object.keys(NOT_DOCUMENTED).filter((p) => !paths.has(p))).toEqual([]);
  });
});

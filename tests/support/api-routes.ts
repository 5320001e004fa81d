import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// The route handlers of the app as the file tree declares them: each route.ts's URL (as an
// OpenAPI path template: [number] → {number}) and the HTTP methods it exports.

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** `catchAll`: a [...rest] segment, which answers for every path below it. */
export type RouteFile = { file: string; path: string; methods: string[]; catchAll: boolean };

const APP = join(process.cwd(), 'app');

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/**
 * Handlers bound to these answer for what a route does not serve: the 405 of every other
 * method (`otherMethods`, lib/api/method-not-allowed.ts) and the 404 of a path no route
 * serves (`unknownApiPath`, lib/api/unknown-path.ts). They are no operation to document.
 */
const REFUSALS = new Set(['otherMethods', 'unknownApiPath']);

/**
 * The operations a route file exports: `export const GET = …`, `export async function POST`,
 * `export const { GET, POST } = handlers`, `export { GET } from …`, less the refusals.
 */
export function exportedMethods(source: string): string[] {
  const names = new Set<string>();
  const refused = (initializer: string | undefined) => REFUSALS.has(initializer ?? '');
  for (const m of source.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)) names.add(m[1]);
  for (const m of source.matchAll(/^export\s+(?:const|let)\s+(\w+)\s*=\s*(\w+)?/gm))
    if (!refused(m[2])) names.add(m[1]);
  for (const m of source.matchAll(/^export\s+(?:const\s+)?\{([^}]*)\}\s*(?:=\s*(\w+))?/gm))
    if (!refused(m[2]))
      for (const name of m[1].split(','))
        names.add(
          name
            .trim()
            .split(/\s+as\s+/)
            .pop() ?? '',
        );
  return HTTP_METHODS.filter((method) => names.has(method));
}

/** `app/api/v1/incidents/[number]/route.ts` → `/api/v1/incidents/{number}`. */
function urlPath(file: string): string {
  const segments = relative(APP, file).split(sep).slice(0, -1);
  return `/${segments
    .filter((segment) => !/^\(.*\)$/.test(segment)) // route groups do not reach the URL
    .map((segment) => segment.replace(/^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/, '{$1}'))
    .join('/')}`;
}

/** Every route.ts under app/ (pages are not routes: they have no methods to document). */
export function appRoutes(): RouteFile[] {
  return routeFiles(APP)
    .map((file) => ({
      file,
      path: urlPath(file),
      methods: exportedMethods(readFileSync(file, 'utf8')),
      catchAll: /\[\[?\.\.\./.test(relative(APP, file)),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

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

/** `export const GET`, `export async function POST`, `export const { GET, POST }`, `export { GET } from`. */
function exportedMethods(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:const|let|(?:async\s+)?function)\s+(\w+)/gm))
    names.add(m[1]);
  for (const m of source.matchAll(/^export\s+(?:const\s+)?\{([^}]*)\}/gm))
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

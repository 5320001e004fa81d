import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@/db/schema';
import { ROLES } from '@/lib/auth/roles';
import { createMatrixFixtures, type MatrixFixtures } from '../authorization/fixtures';
import { routeOperations } from '../authorization/inventory';
import { ROUTE_MATRIX, type RouteRequest } from '../authorization/matrix-routes';
import { isForbidden, signInAs } from '../authorization/signed-in';
import { changedTables, tableChecksums } from '../authorization/table-checksums';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The route half of the authorization matrix (tests/authorization/matrix-routes.ts): every
// method of every route file called in-process as Next.js calls it, with an API token or a
// signed-in session of every role. Only next-auth's cookie decoding and Next's request
// scope are stood in for; the user's re-read, the permission check and the handler are real.

vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-request-id': 'matrix' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('@/lib/auth/next-auth', async () => {
  const signedIn = await import('../authorization/signed-in');
  return { auth: signedIn.currentSession, signIn: async () => {}, signOut: async () => {} };
});
// forbidden() refuses to run unless the app opted in (next.config.ts does, for `next start`).
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

let fixtures: MatrixFixtures;
const test = setUpAppTestDatabase(async (created) => {
  fixtures = await createMatrixFixtures(created.db);
});

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
type Cell = {
  key: string;
  file: string;
  method: string;
  path: string;
  role: Role;
  request: RouteRequest;
  via: 'token' | 'session';
};

const ORIGIN = 'http://vigil.test';

const cells: Cell[] = routeOperations().flatMap((operation) => {
  const rule = ROUTE_MATRIX[operation.key];
  if (!rule || rule.kind === 'open') return [];
  return ROLES.map((role) => ({ ...operation, role, request: rule.request, via: rule.kind }));
});
const isAllowed = (cell: Cell) => {
  const rule = ROUTE_MATRIX[cell.key];
  return rule.kind !== 'open' && rule.allowed.includes(cell.role);
};

/** The path with real items in it, and the params Next.js would pass. */
function target(cell: Cell): { url: string; params: Record<string, string | string[]> } {
  const tasks = /^\/(api\/v1\/)?tasks\//.test(cell.path.slice(1)) || cell.path.includes('/tasks/');
  const values: Record<string, string | string[]> = {
    number: String(tasks ? fixtures.task.number : fixtures.incident.number),
    id: cell.path.includes('/attachments/') ? fixtures.missingId : fixtures.scheduleId,
    file: `${fixtures.missingId}.ics`,
    nextauth: ['session'],
    path: cell.method === 'GET' || cell.method === 'DELETE' ? [] : ['vigil-events', '_doc'],
  };
  const params: Record<string, string | string[]> = {};
  const url = cell.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    params[name] = values[name];
    return ([] as string[]).concat(values[name]).join('/');
  });
  return { url: `${ORIGIN}${url}${cell.request.query ? `?${cell.request.query}` : ''}`, params };
}

async function call(cell: Cell): Promise<unknown> {
  const routeModule = (await import(/* @vite-ignore */ `${process.cwd()}/${cell.file}`)) as Record<
    string,
    Handler
  >;
  const headers = new Headers({ origin: ORIGIN, host: 'vigil.test' });
  let body: BodyInit | undefined;
  if (cell.request.multipart) {
    const form = new FormData();
    form.set('file', new File(['matrix evidence\n'], 'matrix.txt', { type: 'text/plain' }));
    body = form;
  } else if (cell.request.body !== undefined) {
    body = JSON.stringify(cell.request.body);
    headers.set('content-type', 'application/json');
  }
  if (cell.via === 'token') {
    headers.set('authorization', `Bearer ${fixtures.tokens[cell.role].token}`);
    signInAs(null);
  } else signInAs(fixtures.people[cell.role]);
  const { url, params } = target(cell);
  try {
    const response = await routeModule[cell.method](
      new Request(url, { method: cell.method, headers, body }),
      {
        params: Promise.resolve(params),
      },
    );
    // Read a streamed answer to its end, so a refusal or write made while streaming counts.
    await response.clone().arrayBuffer();
    return response;
  } catch (error) {
    return error;
  } finally {
    signInAs(null);
  }
}

const outcomeOf = (outcome: unknown) =>
  outcome instanceof Response
    ? `HTTP ${outcome.status}`
    : outcome instanceof Error
      ? `${outcome.name}: ${outcome.message}`
      : String(outcome);
const name = (cell: Cell) => `${cell.key} (${cell.via}) as ${cell.role}`;

describe('the route authorization matrix', () => {
  const refused = cells.filter((cell) => !isAllowed(cell));
  const allowed = cells.filter(isAllowed);

  it(`refuses ${refused.length} cells with 403 and changes nothing`, async () => {
    const wrong: string[] = [];
    // Each cell's snapshot after is the next one's before: one checksum query per cell.
    let before = await tableChecksums(test.db);
    for (const cell of refused) {
      const outcome = await call(cell);
      const after = await tableChecksums(test.db);
      const changed = changedTables(before, after);
      before = after;
      if (!isForbidden(outcome))
        wrong.push(`${name(cell)}: expected 403, got ${outcomeOf(outcome)}`);
      if (changed.length) wrong.push(`${name(cell)}: refused but changed ${changed.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] routes: ${refused.length} refused cells`);
  });

  it(`lets ${allowed.length} cells past the permission check`, async () => {
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (const cell of allowed) {
      const outcome = await call(cell);
      if (isForbidden(outcome)) wrong.push(`${name(cell)}: refused with 403`);
      // A 401 would mean the cell never reached the check it claims to pass.
      if (outcome instanceof Response && outcome.status === 401)
        wrong.push(`${name(cell)}: not signed in (401)`);
      seen.set(outcomeOf(outcome), (seen.get(outcomeOf(outcome)) ?? 0) + 1);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] routes: ${allowed.length} allowed cells`, Object.fromEntries(seen));
  });
});

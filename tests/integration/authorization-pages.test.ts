import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@/db/schema';
import { ROLES } from '@/lib/auth/roles';
import { createMatrixFixtures, type MatrixFixtures } from '../authorization/fixtures';
import { pagePaths } from '../authorization/inventory';
import { PAGE_MATRIX } from '../authorization/matrix-pages';
import { isForbidden, signInAs } from '../authorization/signed-in';
import { changedTables, tableChecksums } from '../authorization/table-checksums';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The page half of the authorization matrix (tests/authorization/matrix-pages.ts): each
// page's server component called in-process, as Next.js does, with a session of every
// role. Only next-auth's cookie decoding and Next's request scope are stood in for.

vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-request-id': 'matrix' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock('@/lib/auth/next-auth', async () => {
  const signedIn = await import('../authorization/signed-in');
  return { auth: signedIn.currentSession, signIn: async () => {}, signOut: async () => {} };
});
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

let fixtures: MatrixFixtures;
const test = setUpAppTestDatabase(async (created) => {
  fixtures = await createMatrixFixtures(created.db);
});

type Cell = { path: string; file: string; role: Role; allowed: boolean };

const cells: Cell[] = pagePaths().flatMap(({ path, file }) => {
  const rule = PAGE_MATRIX[path];
  if (!rule || rule.kind === 'open') return [];
  return ROLES.map((role) => ({ path, file, role, allowed: rule.allowed.includes(role) }));
});

type Page = (props: { params: Promise<unknown>; searchParams: Promise<unknown> }) => unknown;

async function render({ path, file, role }: Cell): Promise<unknown> {
  const source = (await import(/* @vite-ignore */ `${process.cwd()}/${file}`)) as { default: Page };
  const number = path.startsWith('/tasks') ? fixtures.task.number : fixtures.incident.number;
  const id = path.startsWith('/schedules')
    ? fixtures.scheduleId
    : path.startsWith('/policies')
      ? fixtures.policyId
      : path.startsWith('/settings/users')
        ? fixtures.other.id
        : fixtures.missingId;
  signInAs(fixtures.people[role]);
  try {
    return await source.default({
      params: Promise.resolve({ number: String(number), id }),
      searchParams: Promise.resolve({}),
    });
  } catch (error) {
    return error;
  } finally {
    signInAs(null);
  }
}

const outcomeOf = (outcome: unknown) =>
  outcome instanceof Error
    ? `${outcome.name}: ${outcome.message} ${(outcome as { digest?: string }).digest ?? ''}`
    : 'rendered';

describe('the page authorization matrix', () => {
  const refused = cells.filter((cell) => !cell.allowed);
  const allowed = cells.filter((cell) => cell.allowed);

  it(`answers ${refused.length} cells with forbidden() and changes nothing`, async () => {
    const wrong: string[] = [];
    // Each cell's snapshot after is the next one's before: one checksum query per cell.
    let before = await tableChecksums(test.db);
    for (const cell of refused) {
      const outcome = await render(cell);
      const after = await tableChecksums(test.db);
      const changed = changedTables(before, after);
      before = after;
      if (!isForbidden(outcome))
        wrong.push(`${cell.path} as ${cell.role}: expected forbidden(), got ${outcomeOf(outcome)}`);
      if (changed.length) wrong.push(`${cell.path} as ${cell.role}: changed ${changed.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] pages: ${refused.length} refused cells`);
  });

  it(`renders ${allowed.length} cells past the permission check`, async () => {
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (const cell of allowed) {
      const outcome = await render(cell);
      const kind = outcomeOf(outcome).replace(/:.*? (NEXT_\w+).*$/, ' $1');
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      if (isForbidden(outcome)) wrong.push(`${cell.path} as ${cell.role}: forbidden()`);
      if (/sign-in/.test((outcome as { digest?: string } | null)?.digest ?? ''))
        wrong.push(`${cell.path} as ${cell.role}: sent to sign in`);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] pages: ${allowed.length} allowed cells`, Object.fromEntries(seen));
  });
});

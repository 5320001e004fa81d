import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@/db/schema';
import { ROLES } from '@/lib/auth/roles';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { createMatrixFixtures, type MatrixFixtures } from '../authorization/fixtures';
import { serverActions, type ServerAction } from '../authorization/inventory';
import { ACTION_MATRIX, type ActionRule } from '../authorization/matrix-actions';
import { isForbidden, signInAs } from '../authorization/signed-in';
import { changedTables, tableChecksums } from '../authorization/table-checksums';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The server-action half of the authorization matrix (tests/authorization/matrix-actions.ts):
// every action called in-process with a signed-in session of every role. Only next-auth's
// cookie decoding and Next's request scope are stood in for; the user's re-read, the
// action, its domain function and that function's permission check are the app's own.

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

type Called = Exclude<ActionRule, { kind: 'open' }>;
type Cell = { action: ServerAction; rule: Called; role: Role };

const cells: Cell[] = serverActions().flatMap((action) => {
  const rule = ACTION_MATRIX[action.key];
  if (!rule || rule.kind === 'open') return [];
  return ROLES.map((role) => ({ action, rule, role }));
});

const FORBIDDEN = new ForbiddenError().message;

async function call({ action, rule, role }: Cell): Promise<unknown> {
  const source = (await import(/* @vite-ignore */ `${process.cwd()}/${action.file}`)) as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  signInAs(fixtures.people[role]);
  try {
    return await source[action.name](...rule.args(fixtures, role));
  } catch (error) {
    return error;
  } finally {
    signInAs(null);
  }
}

type Result = { ok: boolean; error?: string } | undefined;

function refusedAsForbidden(outcome: unknown): boolean {
  if (isForbidden(outcome) || outcome instanceof ForbiddenError) return true;
  return (outcome as Result)?.ok === false && (outcome as Result)?.error === FORBIDDEN;
}

function refused(cell: Cell, outcome: unknown): boolean {
  if (cell.rule.kind === 'via' && cell.rule.refusal === 'not-found')
    return outcome instanceof NotFoundError || (outcome as Result)?.ok === false;
  return refusedAsForbidden(outcome);
}

function outcomeOf(outcome: unknown): string {
  if (outcome instanceof Error)
    return `${outcome.name}: ${outcome.message} ${(outcome as { digest?: string }).digest ?? ''}`;
  return JSON.stringify(outcome) ?? 'undefined';
}

const name = (cell: Cell) => `${cell.action.key} as ${cell.role}`;

describe('the server-action authorization matrix', () => {
  const refusedCells = cells.filter((cell) => !cell.rule.allowed.includes(cell.role));
  const allowedCells = cells.filter((cell) => cell.rule.allowed.includes(cell.role));

  it(`refuses ${refusedCells.length} cells and changes nothing`, async () => {
    const wrong: string[] = [];
    // Each cell's snapshot after is the next one's before: one checksum query per cell.
    let before = await tableChecksums(test.db);
    for (const cell of refusedCells) {
      const outcome = await call(cell);
      const after = await tableChecksums(test.db);
      const changed = changedTables(before, after);
      before = after;
      if (!refused(cell, outcome)) wrong.push(`${name(cell)}: not refused: ${outcomeOf(outcome)}`);
      if (changed.length) wrong.push(`${name(cell)}: refused but changed ${changed.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] server actions: ${refusedCells.length} refused cells`);
  });

  it(`lets ${allowedCells.length} cells past the permission check`, async () => {
    const wrong: string[] = [];
    for (const cell of allowedCells) {
      const outcome = await call(cell);
      if (refusedAsForbidden(outcome)) wrong.push(`${name(cell)}: refused: ${outcomeOf(outcome)}`);
      // Sent to sign in would mean the cell never reached the check it claims to pass.
      if (/sign-in/.test((outcome as { digest?: string } | null)?.digest ?? ''))
        wrong.push(`${name(cell)}: not signed in`);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] server actions: ${allowedCells.length} allowed cells`);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '@/db/schema';
import { ROLES } from '@/lib/auth/roles';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { actorFor, createMatrixFixtures, type MatrixFixtures } from '../authorization/fixtures';
import { actorFunctions, type DomainFunction } from '../authorization/inventory';
import { DOMAIN_MATRIX, type DomainCase } from '../authorization/matrix-domain';
import { changedTables, tableChecksums } from '../authorization/table-checksums';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// The domain half of the authorization matrix (tests/authorization/matrix-domain.ts): each
// exported write function called with an actor of every role. A refused role gets
// ForbiddenError and every table is exactly as before; an allowed one gets anything but.

const ROOT = process.cwd();
let fixtures: MatrixFixtures;
const test = setUpAppTestDatabase(async (created) => {
  fixtures = await createMatrixFixtures(created.db);
});

type Cell = { fn: DomainFunction; kase: DomainCase; role: Role };

const cells: Cell[] = actorFunctions().flatMap((fn) => {
  const rule = DOMAIN_MATRIX[fn.key];
  if (!rule || rule.kind !== 'called') return [];
  return rule.cases.flatMap((kase) => ROLES.map((role) => ({ fn, kase, role })));
});
const refused = cells.filter((c) => !c.kase.allowed.includes(c.role));
const allowed = cells.filter((c) => c.kase.allowed.includes(c.role));

async function call({ fn, kase, role }: Cell): Promise<unknown> {
  const source = (await import(/* @vite-ignore */ join(ROOT, fn.file))) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  const args = kase.args(fixtures, role);
  // The database first, the actor where the function takes it (addAttachment(db, kind, actor, …)).
  args.splice(fn.actorIndex - 1, 0, actorFor(fixtures, role));
  try {
    const result = source[fn.name](test.db, ...args);
    // A stream that fails when read still counts: read it so a late refusal is seen.
    if (result instanceof ReadableStream) await new Response(result).arrayBuffer();
    return await result;
  } catch (error) {
    return error;
  }
}

const name = ({ fn, kase, role }: Cell) => `${fn.key} (${kase.label}) as ${role}`;

describe('the domain authorization matrix', () => {
  it(`refuses ${refused.length} cells with ForbiddenError and changes nothing`, async () => {
    const wrong: string[] = [];
    // Each cell's snapshot after is the next one's before: one checksum query per cell.
    let before = await tableChecksums(test.db);
    for (const cell of refused) {
      const outcome = await call(cell);
      const after = await tableChecksums(test.db);
      const changed = changedTables(before, after);
      before = after;
      const expected = cell.kase.refusal === 'not-found' ? NotFoundError : ForbiddenError;
      if (!(outcome instanceof expected))
        wrong.push(`${name(cell)}: expected ${expected.name}, got ${outcomeOf(outcome)}`);
      if (changed.length) wrong.push(`${name(cell)}: refused but changed ${changed.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] domain: ${refused.length} refused cells`);
  });

  it(`lets ${allowed.length} cells past the permission check`, async () => {
    const wrong: string[] = [];
    for (const cell of allowed) {
      const outcome = await call(cell);
      if (outcome instanceof ForbiddenError)
        wrong.push(`${name(cell)}: refused with ForbiddenError`);
    }
    expect(wrong).toEqual([]);
    console.log(`[matrix] domain: ${allowed.length} allowed cells`);
  });
});

function outcomeOf(outcome: unknown): string {
  if (outcome instanceof Error) return `${outcome.name}: ${outcome.message}`;
  return outcome === undefined ? 'success' : `success (${typeof outcome})`;
}

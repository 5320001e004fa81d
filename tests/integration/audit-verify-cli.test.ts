import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { runCli } from '@/scripts/cli/run';
import { setUpTestDatabase } from '../support/test-database-hooks';

// `npm run vigil -- audit verify`: what an examiner runs. The command connects as the
// runtime role, as a configured install's DATABASE_URL would.

const test = setUpTestDatabase();

async function verify(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['audit', 'verify', ...args],
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { ...process.env, DATABASE_URL: test.runtimeUrl, DATABASE_MIGRATION_URL: undefined },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('vigil audit verify', () => {
  it('reports the rows checked and the head hash, then the edited row with exit code 1', async () => {
    for (const name of ['One', 'Two', 'Three'])
      await createUser(test.db, systemActor('test'), {
        email: `${name.toLowerCase()}@example.com`,
        name,
        role: 'user',
      });
    const clean = await verify();
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/^Rows checked: \d+\nChain intact\. Head hash: [0-9a-f]{64}$/);

    const [{ id }] = (await test.db.execute(
      sql`select max(id)::int as id from activity_log`,
    )) as unknown as { id: number }[];
    await test.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update activity_log set action = 'user.deleted' where id = ${id}`);
    });
    const broken = await verify(
      '--from',
      '2000-01-01',
      '--to',
      new Date(Date.now() + 60_000).toISOString(),
    );
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`First broken link: activity row ${id} at `);
    expect(broken.out).toMatch(/What differs: content changed/);
    expect(broken.err).toBe('Error: The audit chain is broken.');
  });

  it('refuses a time that is not ISO', async () => {
    const run = await verify('--from', 'yesterday');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/--from must be an ISO date/);
  });
});

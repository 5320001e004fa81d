import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { recordActivities } from '@/lib/activity/record-activity';
import { verifyActivityChain } from '@/lib/audit/verify-chain';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The hash chain over the activity log: a clean log verifies under concurrent writers; an
// edited, removed or slipped-in row (by a superuser with the triggers off) is named.

const actor = systemActor('test');

async function write(db: Db, n: number, label = 'row') {
  await db.transaction((tx) =>
    recordActivities(
      tx,
      actor,
      Array.from({ length: n }, (_, i) => ({
        action: 'user.updated',
        entityType: 'user',
        entityId: `${label}-${i}`,
        changes: { name: { old: `ä "${i}"`, new: { nested: [i, null, true] } } },
      })),
    ),
  );
}

async function activityIds(db: Db): Promise<number[]> {
  const rows = (await db.execute(
    sql`select id::int as id from activity_log order by id`,
  )) as unknown as { id: number }[];
  return rows.map((r) => r.id);
}

/** As the superuser with every trigger off: what no application role can do. */
async function asSuperuser(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe('the activity chain', () => {
  let test: TestDatabase;
  let runtime: Db;
  beforeAll(async () => {
    test = await createTestDatabase({ max: 12 });
    runtime = createDb(test.runtimeUrl, { max: 12 });
  });
  afterAll(async () => {
    await runtime?.close();
    await test?.drop();
  });

  it('verifies a log written by many transactions at once, bulk inserts among them', async () => {
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => write(runtime, 1 + (i % 3), `w${i}`)),
      write(runtime, 3000, 'bulk'),
      write(runtime, 500, 'bulk2'),
    ]);
    const total = (await activityIds(test.db)).length;
    const verdict = await verifyActivityChain(runtime);
    expect(verdict).toMatchObject({ ok: true, rows: total });
    expect(verdict.ok && verdict.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies a range, and an empty one', async () => {
    const whole = await verifyActivityChain(test.db);
    const recent = await verifyActivityChain(test.db, { from: new Date(Date.now() - 3600_000) });
    expect(recent).toEqual(whole);
    expect(await verifyActivityChain(test.db, { to: new Date('2000-01-01') })).toEqual({
      ok: true,
      rows: 0,
      headHash: null,
    });
  });

  it('names an edited row', async () => {
    const ids = await activityIds(test.db);
    const victim = ids[Math.floor(ids.length / 2)];
    const [{ label }] = (await test.db.execute(
      sql`select actor_label as label from activity_log where id = ${victim}`,
    )) as unknown as { label: string }[];
    await asSuperuser(
      test.db,
      sql`update activity_log set actor_label = 'Someone else' where id = ${victim}`,
    );
    const verdict = await verifyActivityChain(test.db);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.brokenAt.id).toBe(victim);
    expect(verdict.brokenAt.reason).toMatch(/^content changed/);
    expect(verdict.brokenAt.occurredAt.getTime()).toBeGreaterThan(Date.now() - 3600_000);
    // Put back as it was: the chain verifies again, so the next cases start clean.
    await asSuperuser(
      test.db,
      sql`update activity_log set actor_label = ${label} where id = ${victim}`,
    );
    expect((await verifyActivityChain(test.db)).ok).toBe(true);
  });

  it('names an edited row whose link was recomputed: the next link breaks', async () => {
    const ids = await activityIds(test.db);
    const victim = ids[10];
    const next = (await test.db.execute(sql`
      select c2.activity_id::int as id from activity_chain c1 join activity_chain c2 on c2.seq = c1.seq + 1
      where c1.activity_id = ${victim}`)) as unknown as { id: number }[];
    await asSuperuser(
      test.db,
      sql`update activity_log set entity_id = 'forged' where id = ${victim}`,
    );
    await asSuperuser(
      test.db,
      sql`
      update activity_chain c set hash = activity_chain_link(
        coalesce((select p.hash from activity_chain p where p.seq = c.seq - 1), ''), c.seq,
        activity_log_canonical(a)) from activity_log a where a.id = c.activity_id and a.id = ${victim}`,
    );
    const verdict = await verifyActivityChain(test.db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: { id: next[0].id } });
  });

  it('names a deleted row, and a row slipped in without its link', async () => {
    const fresh = await createTestDatabase();
    try {
      await write(fresh.db, 20, 'del');
      const ids = await activityIds(fresh.db);
      const victim = ids[ids.length - 5];
      await asSuperuser(fresh.db, sql`delete from activity_log where id = ${victim}`);
      let verdict = await verifyActivityChain(fresh.db);
      expect(verdict).toMatchObject({ ok: false, brokenAt: { id: victim } });
      expect(!verdict.ok && verdict.brokenAt.reason).toMatch(/^row missing/);

      // Removed with its link: the gap in the chain is named by the row after it.
      await asSuperuser(fresh.db, sql`delete from activity_chain where activity_id = ${victim}`);
      verdict = await verifyActivityChain(fresh.db);
      expect(verdict).toMatchObject({ ok: false, brokenAt: { id: ids[ids.length - 4] } });
      expect(!verdict.ok && verdict.brokenAt.reason).toMatch(
        /^row missing: link \d+ of the chain is gone/,
      );
    } finally {
      await fresh.drop();
    }

    const other = await createTestDatabase();
    try {
      await write(other.db, 5, 'ins');
      await asSuperuser(
        other.db,
        sql`
        insert into activity_log (actor_label, action, entity_type, entity_id)
        values ('forger', 'user.updated', 'user', 'x')`,
      );
      const [{ id }] = (await other.db.execute(
        sql`select max(id)::int as id from activity_log`,
      )) as unknown as { id: number }[];
      const [{ linked }] = (await other.db.execute(
        sql`select count(*)::int as linked from activity_chain`,
      )) as unknown as { linked: number }[];
      const verdict = await verifyActivityChain(other.db);
      // Every linked row checked out; the stray one is named.
      expect(verdict).toMatchObject({ ok: false, rows: linked, brokenAt: { id } });
      expect(!verdict.ok && verdict.brokenAt.reason).toMatch(/^inserted/);
    } finally {
      await other.drop();
    }
  });
});

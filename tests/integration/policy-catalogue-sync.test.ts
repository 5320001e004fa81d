import { and, asc, eq, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { migrationsFolder } from '@/db/migrate';
import { policies, policyVersions, taskPolicies } from '@/db/schema';
import type { CatalogueEntry } from '@/db/seed/catalogue';
import { POLICY_CATALOGUE } from '@/db/seed/policy-catalogue';
import { CATALOGUE_REVISION_NOTE, syncCatalogue } from '@/lib/policies/sync-catalogue';
import { createTask } from '@/lib/tasks/create-task';
import { EARLIER } from '../support/earlier-catalogue';
import { testActor } from '../support/schedule-fixtures';
import { setUpTestDatabase } from '../support/test-database-hooks';

let db: Db;

setUpTestDatabase((created) => (db = created.db));

const key = (framework: string, reference: string) => `${framework}|${reference}`.toLowerCase();

async function policyRow(framework: string, reference: string) {
  const [row] = await db
    .select()
    .from(policies)
    .where(
      and(
        sql`lower(${policies.framework}) = lower(${framework})`,
        sql`lower(${policies.reference}) = lower(${reference})`,
      ),
    );
  return row;
}

const versionsOf = (policyId: string) =>
  db
    .select()
    .from(policyVersions)
    .where(eq(policyVersions.policyId, policyId))
    .orderBy(asc(policyVersions.version));

async function snapshot() {
  return {
    policies: await db.select().from(policies).orderBy(asc(policies.id)),
    versions: await db
      .select()
      .from(policyVersions)
      .orderBy(asc(policyVersions.policyId), asc(policyVersions.version)),
  };
}

describe('the catalogue sync', () => {
  it('gives a migrated database every catalogue statement, with its parent, link and first version', async () => {
    const rows = await db.select().from(policies).where(eq(policies.custom, false));
    const byKey = new Map(rows.map((r) => [key(r.framework, r.reference), r]));
    for (const entry of POLICY_CATALOGUE) {
      const row = byKey.get(key(entry.framework, entry.reference));
      expect(row, `${entry.framework} ${entry.reference}`).toMatchObject({
        title: entry.title,
        statement: entry.statement,
        url: entry.url,
        parentReference: entry.parentReference,
        currentVersion: 1,
      });
    }
    expect(rows).toHaveLength(POLICY_CATALOGUE.length);
    const [{ count }] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(policyVersions)
      .where(eq(policyVersions.version, 1));
    expect(count).toBe(rows.length);
    const csf = rows.filter((r) => r.framework === 'NIST CSF');
    expect(csf.filter((r) => /-\d\d$/.test(r.reference))).toHaveLength(106);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    expect(await syncCatalogue(db)).toEqual({ inserted: 0, revised: 0, filled: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a row a task points at: a revised text is a new version, the task keeps its own', async () => {
    const shipped = await policyRow('CIS', '5.1');
    const { task } = await createTask(db, testActor, {
      title: 'Quarterly account review',
      policyIds: [shipped.id],
    });
    // A database from before parents existed: its row has none.
    await db.update(policies).set({ parentReference: null }).where(eq(policies.id, shipped.id));

    const revisedTitle = 'Keep an inventory of every account, reviewed each quarter';
    const revised: CatalogueEntry[] = POLICY_CATALOGUE.map((c) =>
      c.framework === 'CIS' && c.reference === '5.1'
        ? { ...c, framework: 'cis', title: revisedTitle }
        : c,
    );
    expect(await syncCatalogue(db, revised)).toEqual({ inserted: 0, revised: 1, filled: 0 });

    const after = await policyRow('CIS', '5.1');
    expect(after).toMatchObject({
      id: shipped.id,
      framework: 'CIS',
      title: revisedTitle,
      parentReference: '5',
      currentVersion: 2,
    });
    const versions = await versionsOf(shipped.id);
    expect(versions.map((v) => [v.version, v.title, v.changeNote])).toEqual([
      [1, shipped.title, ''],
      [2, revisedTitle, CATALOGUE_REVISION_NOTE],
    ]);
    const links = await db.select().from(taskPolicies).where(eq(taskPolicies.taskId, task.id));
    expect(links.map((l) => [l.policyId, l.policyVersion])).toEqual([[shipped.id, 1]]);

    // A catalogue that no longer lists it never removes it, and the revision is not repeated.
    const without = revised.filter((c) => !(c.framework === 'cis' && c.reference === '5.1'));
    expect(await syncCatalogue(db, without)).toEqual({ inserted: 0, revised: 0, filled: 0 });
    expect(await syncCatalogue(db, revised)).toEqual({ inserted: 0, revised: 0, filled: 0 });
    expect(await policyRow('CIS', '5.1')).toMatchObject({ id: shipped.id, currentVersion: 2 });
  });

  it('fills a missing parent and link in place, without a new version', async () => {
    const row = await policyRow('PCI DSS', '10.4.1');
    // As the seed wrote it before the catalogue had parents and links.
    await db
      .update(policies)
      .set({ parentReference: null, url: '' })
      .where(eq(policies.id, row.id));
    expect(await syncCatalogue(db)).toMatchObject({ inserted: 0, filled: 1 });
    expect(await policyRow('PCI DSS', '10.4.1')).toEqual(row);
    expect(await versionsOf(row.id)).toHaveLength(1);
  });

  it('never touches a custom policy, even one with a catalogue reference', async () => {
    const [custom] = await db
      .insert(policies)
      .values({
        framework: 'Custom',
        reference: 'AC-1',
        title: 'Our access policy',
        statement: 'Access is reviewed by the data owner.',
        custom: true,
      })
      .returning();
    const shipped: CatalogueEntry = {
      framework: 'custom',
      reference: 'ac-1',
      parentReference: 'AC',
      title: 'A shipped title',
      statement: 'A shipped statement.',
      url: 'https://example.com',
    };
    expect(await syncCatalogue(db, [shipped])).toEqual({ inserted: 0, revised: 0, filled: 0 });
    expect(await policyRow('Custom', 'AC-1')).toEqual(custom);
    expect((await versionsOf(custom.id)).map((v) => v.title)).toEqual(['Our access policy']);
  });

  it('inserts a statement a database lacks, with its first version', async () => {
    const added: CatalogueEntry = {
      framework: 'NIST CSF',
      reference: 'GV.XX-99',
      parentReference: 'GV',
      title: 'A statement from a later catalogue',
      statement: 'Added by the sync.',
      url: 'https://example.com/csf',
    };
    expect(await syncCatalogue(db, [...POLICY_CATALOGUE, added])).toMatchObject({ inserted: 1 });
    const row = await policyRow('NIST CSF', 'GV.XX-99');
    expect(row).toMatchObject({ parentReference: 'GV', custom: false, currentVersion: 1 });
    expect((await versionsOf(row.id)).map((v) => [v.version, v.title])).toEqual([
      [1, 'A statement from a later catalogue'],
    ]);
  });

  it('upgrades a database seeded before the frameworks: every row a task points at keeps its id', async () => {
    // Migrated but never synced, with the statements the earlier seed wrote.
    const adminUrl = inject('databaseAdminUrl');
    const name = `${inject('templateDatabase')}_upgrade`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const old = createDb(url.toString(), { max: 2 });
    try {
      await migrate(old, { migrationsFolder });
      const earlier = await old
        .insert(policies)
        .values(EARLIER.map(([framework, reference, title]) => ({ framework, reference, title })))
        .returning();
      const board = earlier.find((p) => p.reference === 'CAT D1.G.Ov.B.3')!;
      const logs = earlier.find((p) => p.reference === '10.4.1')!;
      const { task } = await createTask(old, testActor, {
        title: 'Board report',
        policyIds: [board.id, logs.id],
      });

      const result = await syncCatalogue(old);
      expect(result.inserted).toBe(POLICY_CATALOGUE.length - EARLIER.length);
      expect(await syncCatalogue(old)).toEqual({ inserted: 0, revised: 0, filled: 0 });

      const rows = await old.select().from(policies);
      expect(rows).toHaveLength(POLICY_CATALOGUE.length);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const row of earlier) expect(byId.get(row.id)?.reference).toBe(row.reference);
      // A PCI DSS row gains its parent and link in place; the CAT row gains a statement, so a
      // second version, and the task still evidences the first.
      expect(byId.get(logs.id)).toMatchObject({ parentReference: '10.4', currentVersion: 1 });
      expect(byId.get(logs.id)?.url).not.toBe('');
      expect(byId.get(board.id)).toMatchObject({
        parentReference: 'CAT D1.G.Ov',
        currentVersion: 2,
      });
      expect(byId.get(board.id)?.statement).toContain('retired the CAT');
      const links = await old.select().from(taskPolicies).where(eq(taskPolicies.taskId, task.id));
      expect(links.map((l) => l.policyVersion)).toEqual([1, 1]);
    } finally {
      await old.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});

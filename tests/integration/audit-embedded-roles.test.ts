import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { createDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { describeRoleRisk } from '@/db/runtime-grants';
import { prepareEmbeddedRoles } from '@/scripts/embedded/database-roles';

// `npm start` on an install from before the role split: everything was created by, and
// belongs to, the `postgres` superuser. The launcher creates the two roles, hands the schema
// to the migrator, and the app's URL is the runtime role's, which owns nothing.

describe('the embedded roles', () => {
  it('convert an install owned by the superuser, and a second start changes nothing', async () => {
    const adminUrl = inject('databaseAdminUrl');
    const suffix = randomBytes(4).toString('hex');
    const database = `${inject('templateDatabase')}_roles_${suffix}`;
    const names = { migrator: `vt_${suffix}_m`, runtime: `vt_${suffix}_r` };
    const folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-roles-'));
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    try {
      await admin.unsafe(`create database "${database}"`);
      await migrateDatabase(url.toString());
      const passwordFile = path.join(folder, 'postgres.app-password');

      const roles = await prepareEmbeddedRoles(url.toString(), passwordFile, names);
      await migrateDatabase(url.toString(), roles.migrate);
      expect(statSync(passwordFile).mode & 0o077).toBe(0);
      expect(new URL(roles.runtimeUrl).password).toBe(readFileSync(passwordFile, 'utf8').trim());

      const owner = createDb(url.toString(), { max: 1 });
      const runtime = createDb(roles.runtimeUrl, { max: 1 });
      try {
        const strays = (await owner.execute(sql`
          select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
            and c.relowner <> (select oid from pg_roles where rolname = ${names.migrator})`)) as unknown as unknown[];
        expect(strays).toEqual([]);
        expect(await describeRoleRisk(runtime)).toBeNull();
        const [{ n }] = (await runtime.execute(
          sql`select count(*)::int as n from organization`,
        )) as unknown as { n: number }[];
        expect(n).toBe(0);
        await expect(
          runtime.execute(sql`alter table activity_log disable trigger user`),
        ).rejects.toMatchObject({
          cause: { code: '42501' },
        });
      } finally {
        await owner.close();
        await runtime.close();
      }

      // Again, as every later start does: same password, nothing to convert, still migrates.
      const again = await prepareEmbeddedRoles(url.toString(), passwordFile, names);
      expect(again.runtimeUrl).toBe(roles.runtimeUrl);
      await migrateDatabase(url.toString(), again.migrate);
    } finally {
      await admin.unsafe(`drop database if exists "${database}" with (force)`);
      await admin.unsafe(`drop role if exists "${names.runtime}"`);
      await admin.unsafe(`drop role if exists "${names.migrator}"`);
      await admin.end({ timeout: 5 });
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '@/db/seed';
import { incidents, tasks, users } from '@/db/schema';
import { userActor } from '@/lib/auth/actor';
import { createBackup } from '@/lib/backup/create-backup';
import type { BackupManifest } from '@/lib/backup/manifest';
import { restoreBackup } from '@/lib/backup/restore-backup';
import {
  chainCheck,
  RESTORE_CHECKS,
  tableChecksumCheck,
  verifyRestore,
} from '@/lib/backup/verify-restore';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { addAttachment } from '@/lib/tickets/attachments';
import { createBlankDatabase } from '../support/blank-database';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The demo organization (events in daily partitions, incidents, tasks, the activity log) plus
// attachments, backed up and restored into a database `createdb` just made.

let source: TestDatabase;
let dir: string;
let file: string;
let manifest: BackupManifest;
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.alloc(2048, 7),
  Buffer.from('\n%%EOF\n'),
]);

beforeAll(async () => {
  source = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-backup-test-'));
  await seedIfEmpty(source.db, { demoData: true });
  const [admin] = await source.db.select().from(users).where(eq(users.role, 'admin')).limit(1);
  const [incident] = await source.db.select({ id: incidents.id }).from(incidents).limit(1);
  const [task] = await source.db.select({ id: tasks.id }).from(tasks).limit(1);
  const actor = userActor(admin);
  await addAttachment(source.db, incidentKind, actor, incident.id, {
    fileName: 'a.pdf',
    data: PDF,
  });
  await addAttachment(source.db, taskKind, actor, task.id, { fileName: 'b.pdf', data: PDF });
  file = path.join(dir, 'vigil.backup');
  manifest = await createBackup(source.db, file);
}, 180_000);

afterAll(async () => {
  await source?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (m: BackupManifest, name: string) => m.tables.find((t) => t.name === name)?.rows;

describe('backup and restore', () => {
  it('backs up every table, attachments and event partitions included', () => {
    expect(rowsOf(manifest, 'incident_attachments')).toBe(1);
    expect(rowsOf(manifest, 'task_attachments')).toBe(1);
    expect(rowsOf(manifest, 'activity_log')).toBeGreaterThan(10);
    const partitions = manifest.tables.filter((t) => t.parent === 'events');
    expect(partitions.length).toBeGreaterThan(1);
    expect(partitions.reduce((sum, t) => sum + t.rows, 0)).toBeGreaterThan(100);
  });

  it('restores into an empty database with identical checksums, and the database works on', async () => {
    const target = await createBlankDatabase();
    try {
      const { verification } = await restoreBackup(target.db, file);
      expect(verification).toMatchObject({ ok: true });
      // The restored activity log's hash chain verifies, link for link.
      expect(verification.results.find((r) => r.name === 'audit chain')).toMatchObject({
        ok: true,
      });

      // Independently of the verification: a backup of the restored database is the same.
      const again = await createBackup(target.db, path.join(dir, 'again.backup'));
      expect(again.tables.map((t) => [t.name, t.rows, t.sha256])).toEqual(
        manifest.tables.map((t) => [t.name, t.rows, t.sha256]),
      );
      expect(again.sequences).toEqual(manifest.sequences);
      expect(again.migration).toEqual(manifest.migration);

      const [stored] = await target.db.$client<
        { data: Buffer }[]
      >`select data from task_attachments`;
      expect(Buffer.compare(stored.data, PDF)).toBe(0);
      // Triggers are back on: the activity log is append-only again.
      await expect(target.db.$client`delete from activity_log`).rejects.toThrow();
      // Sequences continue after the restored rows instead of colliding with them.
      const [next] = await target.db.$client<
        { n: string }[]
      >`select nextval('incidents_number_seq')::text as n`;
      const [max] = await target.db.$client<
        { n: string }[]
      >`select max(number)::text as n from incidents`;
      expect(BigInt(next.n)).toBeGreaterThan(BigInt(max.n));
    } finally {
      await target.drop();
    }
  });

  it('refuses a file whose table was altered, naming the table, and writes nothing', async () => {
    const tampered = path.join(dir, 'tampered.backup');
    await rewriteEntry(file, tampered, 'tables/users.copy', (text) =>
      text.replace('Vigil Administrator', 'Vigil Administrater'),
    );
    const target = await createBlankDatabase();
    try {
      await expect(restoreBackup(target.db, tampered)).rejects.toThrow(
        /table users does not match its checksum/,
      );
      const [{ count }] = await target.db.$client<{ count: number }[]>`
        select count(*)::int as count from pg_tables where schemaname = 'public'`;
      expect(count).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('refuses a database that already holds data, and changes nothing in it', async () => {
    const before = await source.db.$client<
      { count: number }[]
    >`select count(*)::int as count from activity_log`;
    await expect(restoreBackup(source.db, file)).rejects.toThrow(/target database is not empty/);
    const after = await source.db.$client<
      { count: number }[]
    >`select count(*)::int as count from activity_log`;
    expect(after).toEqual(before);
  });

  it('refuses a file that is not a backup', async () => {
    const junk = path.join(dir, 'junk.backup');
    writeFileSync(junk, 'not a zip');
    const target = await createBlankDatabase();
    try {
      await expect(restoreBackup(target.db, junk)).rejects.toThrow(/is not a Vigil backup/);
    } finally {
      await target.drop();
    }
  });

  it('verification reports a table that differs and any failing further check', async () => {
    const target = await createBlankDatabase();
    try {
      await restoreBackup(target.db, file);
      await target.db.$client`update users set name = 'Someone else' where role = 'admin'`;
      const brokenChain = chainCheck('audit chain', async () => ({
        ok: false,
        rows: 3,
        brokenAt: { id: 2, occurredAt: new Date('2026-01-02T00:00:00Z'), reason: 'hash mismatch' },
      }));
      // The real chain check verifies the restored log (the round trip above); a broken one is
      // what this case needs, so it stands in.
      expect(RESTORE_CHECKS.map((check) => check.name)).toContain('audit chain');
      const report = await verifyRestore(target.db, manifest, [tableChecksumCheck, brokenChain]);
      expect(report.ok).toBe(false);
      expect(report.results).toEqual([
        { name: 'row counts and checksums', ok: false, detail: 'users: checksum differs' },
        {
          name: 'audit chain',
          ok: false,
          detail: 'broken at row 2 (2026-01-02T00:00:00.000Z): hash mismatch; 3 rows checked',
        },
      ]);
    } finally {
      await target.drop();
    }
  });
});

/** Copies a zip, changing one entry's text; the manifest is copied as it was. */
async function rewriteEntry(from: string, to: string, name: string, edit: (s: string) => string) {
  const entries = await new Promise<Map<string, Buffer>>((resolve, reject) => {
    yauzl.fromBuffer(readFileSync(from), { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const found = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            found.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(found));
      zip.readEntry();
    });
  });
  const original = entries.get(name)!.toString('utf8');
  const changed = edit(original);
  expect(changed).not.toBe(original);
  const zip = new ZipFile();
  for (const [entry, data] of entries)
    zip.addBuffer(entry === name ? Buffer.from(changed) : data, entry);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  writeFileSync(to, Buffer.concat(chunks));
}

import type { Db } from '@/db/client';
import { copyOutStatement, setCopySettings } from './copy-settings';
import type { BackupManifest } from './manifest';
import { createDigestStream } from './table-digest';
import { pipeline } from 'node:stream/promises';
import { type ChainVerdict, verifyActivityChain } from '@/lib/audit/verify-chain';

export type CheckOutcome = { ok: boolean; detail: string };
export type RestoreCheck = {
  name: string;
  run: (context: { db: Db; manifest: BackupManifest }) => Promise<CheckOutcome>;
};
export type VerificationReport = { ok: boolean; results: (CheckOutcome & { name: string })[] };

/** Every table has the manifest's row count and the same SHA-256 over its COPY text. */
export const tableChecksumCheck: RestoreCheck = {
  name: 'row counts and checksums',
  async run({ db, manifest }) {
    const differing: string[] = [];
    await db.$client.begin('isolation level repeatable read read only', async (tx) => {
      await setCopySettings(tx);
      for (const table of manifest.tables) {
        const digest = createDigestStream();
        await pipeline(await tx.unsafe(copyOutStatement(table)).readable(), digest, drain);
        const found = digest.digest();
        if (found.rows !== table.rows)
          differing.push(`${table.name}: ${found.rows} rows, ${table.rows} in the backup`);
        else if (found.sha256 !== table.sha256) differing.push(`${table.name}: checksum differs`);
      }
    });
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    return differing.length
      ? { ok: false, detail: differing.join('; ') }
      : { ok: true, detail: `${manifest.tables.length} tables, ${rows} rows identical` };
  },
};

/** Turns a chain verifier into a restore check: `chainCheck('audit chain', verifyActivityChain)`. */
export function chainCheck(name: string, verify: (db: Db) => Promise<ChainVerdict>): RestoreCheck {
  return {
    name,
    async run({ db }) {
      const verdict = await verify(db);
      if (verdict.ok)
        return {
          ok: true,
          detail: `${verdict.rows} rows, head hash ${verdict.headHash ?? 'none (empty log)'}`,
        };
      const at = verdict.brokenAt;
      const when = at.occurredAt.toISOString();
      return {
        ok: false,
        detail: `broken at row ${String(at.id)} (${when}): ${at.reason}; ${verdict.rows} rows checked`,
      };
    },
  };
}

/** Run after every restore, in order. A further check is one more line here. */
export const RESTORE_CHECKS: RestoreCheck[] = [
  tableChecksumCheck,
  chainCheck('audit chain', verifyActivityChain),
];

export async function verifyRestore(
  db: Db,
  manifest: BackupManifest,
  checks: RestoreCheck[] = RESTORE_CHECKS,
): Promise<VerificationReport> {
  const results: VerificationReport['results'] = [];
  for (const check of checks) {
    let outcome: CheckOutcome;
    try {
      outcome = await check.run({ db, manifest });
    } catch (error) {
      // A check that cannot run has not passed.
      outcome = { ok: false, detail: `could not run: ${(error as Error).message}` };
    }
    results.push({ name: check.name, ...outcome });
  }
  return { ok: results.every((r) => r.ok), results };
}

async function drain(source: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of source);
}

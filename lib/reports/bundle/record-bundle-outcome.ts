import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { recordReportRun } from '../record-report-run';
import type { ComplianceReportParams } from '../types';
import type { BundleOutcome } from './evidence-bundle-stream';

// A bundle is logged when its stream ends: a complete one as a report run (kind 'bundle')
// with the zip's SHA-256, its manifest's and how many attachments differ from their upload;
// one that did not complete (the client went away, a read failed) as an activity entry
// saying so and how far it got. The log never shows a bundle as handed over when it was
// not, nor hides one that was started.

export function reportParams(params: ComplianceReportParams): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

export async function recordBundleOutcome(
  db: Db,
  actor: Actor,
  params: ComplianceReportParams,
  outcome: BundleOutcome,
): Promise<void> {
  if (outcome.complete) {
    await recordReportRun(db, actor, {
      kind: 'bundle',
      channel: 'download',
      params: {
        ...params,
        manifestSha256: outcome.manifestSha256,
        bytes: outcome.bytes,
        attachmentMismatches: outcome.mismatchCount,
      },
      sha256: outcome.sha256,
      rowCount: outcome.fileCount,
    });
    return;
  }
  await db.transaction((tx) =>
    recordActivity(tx, actor, {
      action: 'report.bundle-incomplete',
      entityType: 'report',
      entityId: randomUUID(),
      changes: {
        kind: { old: null, new: 'bundle' },
        params: { old: null, new: reportParams(params) },
        bytes: { old: null, new: outcome.bytes },
        reason: { old: null, new: outcome.reason },
      },
    }),
  );
}

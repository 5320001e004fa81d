import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { reportRuns } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import type { ComplianceReportParams } from '../types';
import type { BundleOutcome } from './evidence-bundle-stream';

// A bundle is logged when its stream ends: a complete one as a report run (kind 'bundle')
// with the zip's SHA-256 and its manifest's, one that did not complete (the client went away,
// a read failed) as an activity entry saying so and how far it got, so the log never shows
// a bundle as handed over when it was not, nor hides one that was started.

export function reportParams(params: ComplianceReportParams): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

export async function recordBundleOutcome(
  db: Db,
  actor: Actor,
  params: ComplianceReportParams,
  outcome: BundleOutcome,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (outcome.complete) {
      const [run] = await tx
        .insert(reportRuns)
        .values({
          kind: 'bundle',
          channel: 'download',
          generatedById: actor.kind === 'user' ? actor.userId : null,
          generatedByLabel: actorLabel(actor),
          params: { ...reportParams(params), manifestSha256: outcome.manifestSha256 },
          sha256: outcome.sha256,
          rowCount: outcome.fileCount,
          requestId: actor.requestId ?? null,
        })
        .returning({ id: reportRuns.id });
      await recordActivity(tx, actor, {
        action: 'report.generated',
        entityType: 'report',
        entityId: run.id,
        changes: {
          kind: { old: null, new: 'bundle' },
          params: { old: null, new: reportParams(params) },
          sha256: { old: null, new: outcome.sha256 },
          bytes: { old: null, new: outcome.bytes },
          mismatches: { old: null, new: outcome.mismatchCount },
        },
      });
      return;
    }
    await recordActivity(tx, actor, {
      action: 'report.bundle-incomplete',
      entityType: 'report',
      entityId: randomUUID(),
      changes: {
        kind: { old: null, new: 'bundle' },
        params: { old: null, new: reportParams(params) },
        bytes: { old: null, new: outcome.bytes },
        reason: { old: null, new: outcome.reason },
      },
    });
  });
}

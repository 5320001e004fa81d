import type { DbOrTx } from '@/db/client';
import { reportRuns, type ReportRun } from '@/db/schema';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordActivity } from '@/lib/activity/record-activity';
import type { ComplianceReportParams } from './types';

// The log of reports: every report someone generated (the page, its print view, a CSV, the
// API, a sample, a bundle) is one report_runs row — who, when, how, with which filters, the
// seed of a sample, the SHA-256 of what they received and how many rows — and one activity
// row, so the organization's log says who took evidence away and when. Both are append-only.

export type ReportKind = 'compliance' | 'compliance-csv' | 'sample' | 'bundle';
export type ReportChannel = 'page' | 'print' | 'api' | 'download';

export type ReportRunInput = {
  kind: ReportKind;
  channel: ReportChannel;
  params: ComplianceReportParams & Record<string, unknown>;
  seed?: string | null;
  sha256: string;
  rowCount: number;
};

export async function recordReportRun(
  db: DbOrTx,
  actor: Actor,
  input: ReportRunInput,
): Promise<ReportRun> {
  assertCan(actor, 'tickets.view');
  // Undefined filters are left out: the stored filters read as what was asked.
  const params = Object.fromEntries(
    Object.entries(input.params).filter(([, value]) => value !== undefined),
  );
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(reportRuns)
      .values({
        kind: input.kind,
        channel: input.channel,
        generatedById: actor.kind === 'user' ? actor.userId : null,
        generatedByLabel: actorLabel(actor),
        params,
        seed: input.seed ?? null,
        sha256: input.sha256,
        rowCount: input.rowCount,
        requestId: actor.requestId ?? null,
      })
      .returning();
    await recordActivity(tx, actor, {
      action: 'report.generated',
      entityType: 'report',
      entityId: run.id,
      changes: {
        kind: { old: null, new: input.kind },
        channel: { old: null, new: input.channel },
        params: { old: null, new: params },
        sha256: { old: null, new: input.sha256 },
      },
    });
    return run;
  });
}

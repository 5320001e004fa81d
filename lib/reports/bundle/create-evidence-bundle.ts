import type { Db } from '@/db/client';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import type { ComplianceReport } from '../types';
import { getCoveredAttachments, readAttachmentBatch } from './covered-attachments';
import { evidenceBundleStream, type BundleCsv } from './evidence-bundle-stream';
import { recordBundleOutcome } from './record-bundle-outcome';

// The report's evidence bundle: its CSV files, every attachment of the tickets it covers, and
// a manifest of their hashes, streamed as a zip and logged when the stream ends.

export type EvidenceBundle = {
  stream: ReadableStream<Uint8Array>;
  fileName: string;
  attachmentCount: number;
};

export function bundleFileName(report: ComplianceReport): string {
  return `vigil-evidence-${report.params.from}-to-${report.params.to}.zip`;
}

export async function createEvidenceBundle(
  db: Db,
  actor: Actor,
  input: { report: ComplianceReport; csvFiles: BundleCsv[]; policyLabel?: string | null },
): Promise<EvidenceBundle> {
  assertCan(actor, 'tickets.export');
  const { report } = input;
  const { attachments, taskCount, incidentCount } = await getCoveredAttachments(db, report);
  const stream = evidenceBundleStream(
    {
      head: {
        organization: report.organization,
        range: { from: report.params.from, to: report.params.to },
        filters: {
          policy: report.params.policyId ?? null,
          policyLabel: input.policyLabel ?? null,
          framework: report.params.framework ?? null,
          tag: report.params.tag ?? null,
          group: report.params.group ?? null,
        },
        generatedAt: report.generatedAt.toISOString(),
        generatedBy: actorLabel(actor),
        counts: {
          occurrences: report.occurrences.length,
          tasks: taskCount,
          incidents: incidentCount,
          attachments: attachments.length,
        },
      },
      csvFiles: input.csvFiles,
      attachments,
      readBatch: (batch) => readAttachmentBatch(db, batch),
    },
    (outcome) => recordBundleOutcome(db, actor, report.params, outcome),
  );
  return { stream, fileName: bundleFileName(report), attachmentCount: attachments.length };
}

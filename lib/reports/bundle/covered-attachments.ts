import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  incidentAttachments,
  incidentPolicies,
  incidents,
  policies,
  taskAttachments,
  tasks,
} from '@/db/schema';
import { ticketNumberLabel } from '@/lib/tickets/ticket-number';
import { reportWindow } from '../get-compliance-report';
import type { ComplianceReport } from '../types';

// Which attachments an evidence bundle holds (see COVERAGE in manifest.ts), listed without
// their bytes, and the bytes read a batch at a time as the zip asks for them: memory holds
// one batch and the one prefetched after it, never every attachment.

export type BundleAttachment = {
  kind: 'task' | 'incident';
  id: string;
  /** TASK-2001, INC-1042. */
  ticket: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
};

/** A batch holds at most this many bytes of attachments (a larger one is a batch alone)… */
export const BATCH_BYTES = 8 * 1024 * 1024;
/** …and at most this many rows. */
export const BATCH_ROWS = 64;

/** The same narrowing as the report's incident statistics: incidents carry no tags or groups. */
function incidentFilter(report: ComplianceReport): SQL | undefined {
  const { policyId, framework } = report.params;
  return and(
    policyId
      ? sql`exists (select 1 from ${incidentPolicies} where ${incidentPolicies.incidentId} = ${incidents.id} and ${incidentPolicies.policyId} = ${policyId})`
      : undefined,
    framework
      ? sql`exists (select 1 from ${incidentPolicies} join ${policies} on ${policies.id} = ${incidentPolicies.policyId} where ${incidentPolicies.incidentId} = ${incidents.id} and lower(${policies.framework}) = lower(${framework}))`
      : undefined,
  );
}

/**
 * Ids as one JSON parameter: a five-year report of daily schedules names more tasks than
 * the 65,535 parameters a statement can bind one by one.
 */
function idList(ids: string[]): SQL {
  return sql`select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid`;
}

export async function getCoveredAttachments(
  db: DbOrTx,
  report: ComplianceReport,
): Promise<{ attachments: BundleAttachment[]; taskCount: number; incidentCount: number }> {
  const taskIds = [...new Set(report.occurrences.flatMap((o) => (o.task ? [o.task.id] : [])))];
  const noticeIncidentIds = [...new Set(report.notices.map((n) => n.incidentId))];
  const { start, end } = reportWindow(report.params, report.organization.timeZone);

  const taskRows = taskIds.length
    ? await db
        .select({
          id: taskAttachments.id,
          number: tasks.number,
          fileName: taskAttachments.fileName,
          contentType: taskAttachments.contentType,
          sizeBytes: taskAttachments.sizeBytes,
          sha256: taskAttachments.sha256,
          uploadedAt: taskAttachments.uploadedAt,
        })
        .from(taskAttachments)
        .innerJoin(tasks, eq(tasks.id, taskAttachments.taskId))
        .where(sql`${taskAttachments.taskId} in (${idList(taskIds)})`)
        .orderBy(asc(tasks.number), asc(taskAttachments.uploadedAt), asc(taskAttachments.id))
    : [];

  const coveredIncidents = db
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      or(
        and(
          or(
            and(gte(incidents.createdAt, start), lt(incidents.createdAt, end)),
            and(gte(incidents.closedAt, start), lt(incidents.closedAt, end)),
          ),
          incidentFilter(report),
        ),
        noticeIncidentIds.length
          ? sql`${incidents.id} in (${idList(noticeIncidentIds)})`
          : undefined,
      ),
    );
  const [incidentRows, [{ incidentCount }]] = await Promise.all([
    db
      .select({
        id: incidentAttachments.id,
        number: incidents.number,
        fileName: incidentAttachments.fileName,
        contentType: incidentAttachments.contentType,
        sizeBytes: incidentAttachments.sizeBytes,
        sha256: incidentAttachments.sha256,
        uploadedAt: incidentAttachments.uploadedAt,
      })
      .from(incidentAttachments)
      .innerJoin(incidents, eq(incidents.id, incidentAttachments.incidentId))
      .where(inArray(incidentAttachments.incidentId, coveredIncidents))
      .orderBy(
        asc(incidents.number),
        asc(incidentAttachments.uploadedAt),
        asc(incidentAttachments.id),
      ),
    db.select({ incidentCount: sql<number>`count(*)::int` }).from(coveredIncidents.as('covered')),
  ]);

  const attachments: BundleAttachment[] = [
    ...taskRows.map(({ number, ...row }) => ({
      kind: 'task' as const,
      ticket: ticketNumberLabel('TASK', number),
      ...row,
    })),
    ...incidentRows.map(({ number, ...row }) => ({
      kind: 'incident' as const,
      ticket: ticketNumberLabel('INC', number),
      ...row,
    })),
  ];
  return { attachments, taskCount: taskIds.length, incidentCount };
}

/** Consecutive attachments of one kind, cut at BATCH_BYTES or BATCH_ROWS. */
export function attachmentBatches(attachments: BundleAttachment[]): BundleAttachment[][] {
  const batches: BundleAttachment[][] = [];
  let current: BundleAttachment[] = [];
  let bytes = 0;
  for (const attachment of attachments) {
    const full =
      current.length > 0 &&
      (current[0].kind !== attachment.kind ||
        current.length >= BATCH_ROWS ||
        bytes + attachment.sizeBytes > BATCH_BYTES);
    if (full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(attachment);
    bytes += attachment.sizeBytes;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** The bytes of one batch, by attachment id. */
export async function readAttachmentBatch(
  db: DbOrTx,
  batch: BundleAttachment[],
): Promise<Map<string, Buffer>> {
  const ids = batch.map((a) => a.id);
  const table = batch[0]?.kind === 'incident' ? incidentAttachments : taskAttachments;
  const rows = ids.length
    ? await db.select({ id: table.id, data: table.data }).from(table).where(inArray(table.id, ids))
    : [];
  return new Map(rows.map((row) => [row.id, row.data]));
}

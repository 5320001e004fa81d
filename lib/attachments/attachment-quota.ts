import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { incidentAttachments, taskAttachments } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { loadLimit } from '@/lib/exports/load-limits-env';
import { formatBytes } from '@/lib/format-bytes';
import type { TicketKind } from '@/lib/tickets/ticket-kind';

// Evidence is never deleted (task attachments cannot be, by design), so whoever may work a
// ticket could otherwise fill the disk. Two limits, set by environment because they protect
// the server's disk, which is the operator's to size: VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB for
// one incident or task (500 MB unless set) and VIGIL_ATTACHMENT_QUOTA_TOTAL_MB for every
// attachment of both kinds together (50 GB unless set). Checked in the upload's transaction
// after an advisory lock, so two uploads cannot both take the last space.

const QUOTA_LOCK = sql`select pg_advisory_xact_lock(hashtext('vigil.attachment-quota'))`;

const mb = (limit: number) => `${limit.toLocaleString('en-US')} MB`;

/** Throws a 413 naming the limit and what is used when `sizeBytes` more would pass either quota. */
export async function assertAttachmentQuota(
  tx: Tx,
  kind: TicketKind,
  ticketId: string,
  sizeBytes: number,
): Promise<void> {
  const perItem = loadLimit('VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB');
  const total = loadLimit('VIGIL_ATTACHMENT_QUOTA_TOTAL_MB');
  await tx.execute(QUOTA_LOCK);
  const a = kind.attachments;
  const [usage] = await tx.execute<{ item: string; total: string }>(sql`
    select coalesce((select sum(${a.table.sizeBytes}) from ${a.table} where ${a.ticketId} = ${ticketId}), 0)::text as item,
           (coalesce((select sum(${incidentAttachments.sizeBytes}) from ${incidentAttachments}), 0)
          + coalesce((select sum(${taskAttachments.sizeBytes}) from ${taskAttachments}), 0))::text as total`);
  const item = Number(usage.item);
  const all = Number(usage.total);
  const file = formatBytes(sizeBytes);
  if (item + sizeBytes > perItem * 1024 * 1024)
    throw new DomainError(
      `This ${kind.noun} already holds ${formatBytes(item)} of attachments; this file ` +
        `(${file}) would take it past the limit of ${mb(perItem)} per ${kind.noun}.`,
      413,
    );
  if (all + sizeBytes > total * 1024 * 1024)
    throw new DomainError(
      `Attachments already take ${formatBytes(all)} of the ${mb(total)} Vigil allows in all; ` +
        `this file (${file}) does not fit. An administrator can raise VIGIL_ATTACHMENT_QUOTA_TOTAL_MB.`,
      413,
    );
}

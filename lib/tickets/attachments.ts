import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { recordActivity } from '@/lib/activity/record-activity';
import { assertAttachmentQuota } from '@/lib/attachments/attachment-quota';
import { attachmentChange, prepareAttachment } from '@/lib/attachments/file-content';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { loadTicketForUpdate } from './load-for-update';
import type { TicketKind } from './ticket-kind';

export type StoredAttachment = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
};
export type AttachmentFile = StoredAttachment & {
  data: Buffer;
  uploadedById: string | null;
  uploadedAt: Date;
};

/**
 * Evidence for a ticket: type from the bytes, 25 MB at most and within the quotas
 * (lib/attachments/attachment-quota.ts), its SHA-256 in the activity log.
 */
export async function addAttachment(
  db: DbOrTx,
  kind: TicketKind,
  actor: Actor,
  ticketId: string,
  file: { fileName: string; data: Buffer },
): Promise<StoredAttachment> {
  assertCan(actor, kind.permissions.work);
  const prepared = await prepareAttachment(file);
  const a = kind.attachments;

  return db.transaction(async (tx) => {
    await loadTicketForUpdate(tx, kind, actor, ticketId);
    await assertAttachmentQuota(tx, kind, ticketId, prepared.sizeBytes);
    const [attachment] = (await tx
      .insert(a.table)
      .values({
        [a.ticketKey]: ticketId,
        ...prepared,
        uploadedById: actor.kind === 'user' ? actor.userId : null,
      } as never)
      .returning({
        id: a.table.id,
        fileName: a.table.fileName,
        contentType: a.table.contentType,
        sizeBytes: a.table.sizeBytes,
        sha256: a.table.sha256,
      })) as StoredAttachment[];
    await tx
      .update(kind.table)
      .set({ updatedAt: sql`now()` } as never)
      .where(eq(kind.table.id, ticketId));
    const changes = attachmentChange(prepared);
    await recordActivity(tx, actor, {
      action: `${kind.entityType}.attachment-added`,
      entityType: kind.entityType,
      entityId: ticketId,
      changes,
    });
    await queueNotification(tx, actor, {
      entityType: kind.entityType,
      entityId: ticketId,
      event: 'updated',
      changes,
    });
    return attachment;
  });
}

/** The file for download; the caller has checked the viewer may see the ticket. */
export async function getAttachment(
  db: DbOrTx,
  kind: TicketKind,
  ticketId: string,
  attachmentId: string,
): Promise<AttachmentFile> {
  const a = kind.attachments;
  const [row] = await db
    .select()
    .from(a.table)
    .where(and(eq(a.table.id, attachmentId), eq(a.ticketId, ticketId)));
  if (!row) throw new NotFoundError('That attachment does not exist.');
  return row as unknown as AttachmentFile;
}

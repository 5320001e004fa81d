import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { incidentAttachments, incidents } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { attachmentChange, prepareAttachment } from '@/lib/attachments/file-content';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { loadForUpdate } from './load-for-update';

export async function addIncidentAttachment(
  db: Db,
  actor: Actor,
  incidentId: string,
  file: { fileName: string; data: Buffer },
) {
  assertCan(actor, 'tickets.work');
  const prepared = await prepareAttachment(file);

  return db.transaction(async (tx) => {
    await loadForUpdate(tx, actor, incidentId);
    const [attachment] = await tx
      .insert(incidentAttachments)
      .values({
        incidentId,
        ...prepared,
        uploadedById: actor.kind === 'user' ? actor.userId : null,
      })
      .returning({ id: incidentAttachments.id, fileName: incidentAttachments.fileName, contentType: incidentAttachments.contentType, sizeBytes: incidentAttachments.sizeBytes, sha256: incidentAttachments.sha256 });
    await tx.update(incidents).set({ updatedAt: sql`now()` }).where(eq(incidents.id, incidentId));
    const change = attachmentChange(prepared);
    await recordActivity(tx, actor, { action: 'incident.attachment-added', entityType: 'incident', entityId: incidentId, changes: change });
    await queueNotification(tx, actor, { entityType: 'incident', entityId: incidentId, event: 'updated', changes: change });
    return attachment;
  });
}

/** The file for download; the caller has checked the viewer may see the incident. */
export async function getIncidentAttachment(db: DbOrTx, incidentId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(incidentAttachments)
    .where(and(eq(incidentAttachments.id, attachmentId), eq(incidentAttachments.incidentId, incidentId)));
  if (!row) throw new NotFoundError('That attachment does not exist.');
  return row;
}

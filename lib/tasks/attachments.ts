import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskAttachments, tasks } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { detectContentType, MAX_ATTACHMENT_BYTES, safeFileName } from '@/lib/attachments/file-content';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { loadTaskForUpdate } from './load-for-update';

/** Evidence for a task: type from the bytes, 25 MB at most, its SHA-256 in the activity log. */
export async function addTaskAttachment(db: DbOrTx, actor: Actor, taskId: string, file: { fileName: string; data: Buffer }) {
  assertCan(actor, 'tickets.work');
  if (file.data.length === 0) throw new ValidationError({ file: 'The file is empty.' });
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw new ValidationError({ file: 'Files can be at most 25 MB.' });
  const fileName = safeFileName(file.fileName);
  const contentType = await detectContentType(file.data);
  const sha256 = createHash('sha256').update(file.data).digest('hex');

  return db.transaction(async (tx) => {
    await loadTaskForUpdate(tx, actor, taskId);
    const [attachment] = await tx
      .insert(taskAttachments)
      .values({
        taskId,
        fileName,
        contentType,
        sizeBytes: file.data.length,
        sha256,
        data: file.data,
        uploadedById: actor.kind === 'user' ? actor.userId : null,
      })
      .returning({
        id: taskAttachments.id,
        fileName: taskAttachments.fileName,
        contentType: taskAttachments.contentType,
        sizeBytes: taskAttachments.sizeBytes,
        sha256: taskAttachments.sha256,
      });
    await tx.update(tasks).set({ updatedAt: sql`now()` }).where(eq(tasks.id, taskId));
    const change = { attachment: { old: null, new: `${fileName} (${file.data.length} bytes, sha256 ${sha256})` } };
    await recordActivity(tx, actor, { action: 'task.attachment-added', entityType: 'task', entityId: taskId, changes: change });
    await queueNotification(tx, actor, { entityType: 'task', entityId: taskId, event: 'updated', changes: change });
    return attachment;
  });
}

/** The file for download; the caller has checked the viewer may see tasks. */
export async function getTaskAttachment(db: DbOrTx, taskId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(taskAttachments)
    .where(and(eq(taskAttachments.id, attachmentId), eq(taskAttachments.taskId, taskId)));
  if (!row) throw new NotFoundError('That attachment does not exist.');
  return row;
}

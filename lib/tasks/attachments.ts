import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskAttachments, tasks } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { attachmentChange, prepareAttachment } from '@/lib/attachments/file-content';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { loadTaskForUpdate } from './load-for-update';

/** Evidence for a task: type from the bytes, 25 MB at most, its SHA-256 in the activity log. */
export async function addTaskAttachment(db: DbOrTx, actor: Actor, taskId: string, file: { fileName: string; data: Buffer }) {
  assertCan(actor, 'tickets.work');
  const prepared = await prepareAttachment(file);

  return db.transaction(async (tx) => {
    await loadTaskForUpdate(tx, actor, taskId);
    const [attachment] = await tx
      .insert(taskAttachments)
      .values({
        taskId,
        ...prepared,
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
    const change = attachmentChange(prepared);
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

import type { DbOrTx } from '@/db/client';
import { type FieldChanges, type Task } from '@/db/schema';
import { diffFields } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { queueNotifications, type NotificationInput } from '@/lib/notifications/queue-notification';
import { ownerKey } from '@/lib/owners/owner';
import { parseInput } from '@/lib/validation';
import {
  dueAndOwnerChanges,
  editedFields,
  loadForEdit,
  writeEdit,
} from '@/lib/tickets/edit-ticket';
import { changeRelations } from '@/lib/tickets/relations';
import { updateTaskInput, type UpdateTaskInput } from './schemas';
import { taskKind } from './ticket-kind';

/**
 * Changes a task's title, owner, due date, description, watchers, policies, tags or
 * query against the version the editor saw. A new owner is also told "assigned".
 */
export async function updateTask(
  db: DbOrTx,
  actor: Actor,
  taskId: string,
  rawInput: UpdateTaskInput,
): Promise<Task> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(updateTaskInput, rawInput);

  return db.transaction(async (tx) => {
    const before = await loadForEdit(tx, taskKind, actor, taskId, input);
    const fields: Partial<Task> = editedFields(input);
    if (input.tags !== undefined) fields.tags = input.tags;
    if (input.query !== undefined) fields.query = input.query;

    const changes: FieldChanges = {
      ...diffFields(before, fields, ['title', 'description', 'tags', 'query']),
      ...dueAndOwnerChanges(before, input),
    };
    const ownerChanged = !!changes.owner;
    Object.assign(changes, await changeRelations(tx, taskKind, taskId, input));
    if (Object.keys(changes).length === 0) return before;

    const after = await writeEdit(tx, taskKind, actor, taskId, fields, changes);
    const notifications: NotificationInput[] = [
      { entityType: 'task', entityId: taskId, event: 'updated', changes },
    ];
    if (ownerChanged && ownerKey(after)) {
      notifications.push({
        entityType: 'task',
        entityId: taskId,
        event: 'assigned',
        changes: { owner: changes.owner },
      });
    }
    await queueNotifications(tx, actor, notifications);
    return after;
  });
}

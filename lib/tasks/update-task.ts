import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { tasks, type FieldChanges, type Task } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { queueNotifications, type NotificationInput } from '@/lib/notifications/queue-notification';
import { assertOwnerExists, ownerKey } from '@/lib/owners/owner';
import { assertPoliciesExist } from '@/lib/policies/assert-policies-exist';
import { assertActiveUsers } from '@/lib/users/assert-users-exist';
import { parseInput } from '@/lib/validation';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { changeRelations } from '@/lib/tickets/relations';
import { updateTaskInput, type UpdateTaskInput } from './schemas';
import { taskKind } from './ticket-kind';

/**
 * Changes a task's title, owner, due date, description, watchers, policies, tags or
 * query against the version the editor saw. A new owner is also told "assigned".
 */
export async function updateTask(db: DbOrTx, actor: Actor, taskId: string, rawInput: UpdateTaskInput): Promise<Task> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(updateTaskInput, rawInput);

  return db.transaction(async (tx) => {
    const before = await loadTicketForUpdate(tx, taskKind, actor, taskId, input.version);
    if (input.owner) await assertOwnerExists(tx, input.owner);
    if (input.watchers) await assertActiveUsers(tx, input.watchers.map((w) => w.userId), 'watchers');
    if (input.policyIds) await assertPoliciesExist(tx, input.policyIds);

    const fields: Partial<Task> = {};
    if (input.title !== undefined) fields.title = input.title;
    if (input.dueAt !== undefined) fields.dueAt = input.dueAt;
    if (input.description !== undefined) fields.description = input.description;
    if (input.tags !== undefined) fields.tags = input.tags;
    if (input.query !== undefined) fields.query = input.query;
    if (input.owner) Object.assign(fields, input.owner);

    const changes: FieldChanges = diffFields(before, fields, ['title', 'description', 'tags', 'query']);
    if (input.dueAt !== undefined && before.dueAt?.getTime() !== input.dueAt?.getTime()) {
      changes.dueAt = { old: before.dueAt?.toISOString() ?? null, new: input.dueAt?.toISOString() ?? null };
    }
    const ownerChanged = !!input.owner && ownerKey(input.owner) !== ownerKey(before);
    if (ownerChanged) changes.owner = { old: ownerKey(before) || null, new: ownerKey(input.owner!) || null };
    Object.assign(changes, await changeRelations(tx, taskKind, taskId, input));
    if (Object.keys(changes).length === 0) return before;

    const [after] = await tx
      .update(tasks)
      .set({
        ...fields,
        updatedAt: sql`now()`,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        version: sql`${tasks.version} + 1`,
      })
      .where(eq(tasks.id, taskId))
      .returning();
    await recordActivity(tx, actor, { action: 'task.updated', entityType: 'task', entityId: taskId, changes });
    const notifications: NotificationInput[] = [{ entityType: 'task', entityId: taskId, event: 'updated', changes }];
    if (ownerChanged && ownerKey(after)) {
      notifications.push({ entityType: 'task', entityId: taskId, event: 'assigned', changes: { owner: changes.owner } });
    }
    await queueNotifications(tx, actor, notifications);
    return after;
  });
}

import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { tasks, type Task } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { NotFoundError } from '@/lib/errors';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';

/**
 * Locks the task for this transaction and checks the caller edited its latest version:
 * saving over someone else's newer change is refused, never silent.
 */
export async function loadTaskForUpdate(tx: Tx, actor: Actor, taskId: string, expectedVersion?: number): Promise<Task> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
  if (!task) throw new NotFoundError('That task does not exist.');
  if (expectedVersion !== undefined && task.version !== expectedVersion) throw await changedByConflict(tx, actor, task, 'This task');
  return task;
}

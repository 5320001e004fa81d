import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { tasks, users, type Task } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { formatTime } from '@/lib/time/format';

/**
 * Locks the task for this transaction and checks the caller edited its latest version:
 * saving over someone else's newer change is refused, never silent.
 */
export async function loadTaskForUpdate(tx: Tx, actor: Actor, taskId: string, expectedVersion?: number): Promise<Task> {
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
  if (!task) throw new NotFoundError('That task does not exist.');
  if (expectedVersion !== undefined && task.version !== expectedVersion) {
    const [editor] = task.updatedById ? await tx.select({ name: users.name }).from(users).where(eq(users.id, task.updatedById)) : [];
    const zone = actor.kind === 'user' ? (actor.timeZone ?? 'UTC') : 'UTC';
    throw new ConflictError(`This task was changed by ${editor?.name ?? 'someone else'} at ${formatTime(task.updatedAt, zone)} — reload to see it.`);
  }
  return task;
}

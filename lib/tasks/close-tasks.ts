import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { tasks } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { parseInput } from '@/lib/validation';
import { closeTask } from './change-state';
import { MAX_NOTE } from '@/lib/notes/note-input';

export const TASK_BULK_CLOSE_LIMIT = 1_000;

const closeTasksInput = z.object({
  taskIds: z
    .array(z.uuid())
    .min(1, 'Choose at least one task.')
    .max(
      TASK_BULK_CLOSE_LIMIT,
      `Close at most ${TASK_BULK_CLOSE_LIMIT.toLocaleString('en-US')} at once.`,
    ),
  findings: z
    .string({ error: 'Closing asks for findings: what was reviewed and what was found.' })
    .max(MAX_NOTE)
    .trim()
    .min(1, 'Closing asks for findings: what was reviewed and what was found.'),
});
export type CloseTasksInput = z.input<typeof closeTasksInput>;
export type CloseTasksResult = { closed: number; alreadyClosed: number; missing: number };

/**
 * Administrators close many open tasks with one findings text. Each task is closed by
 * closeTask, the single close, in its own short transaction (locked, from "open" at the
 * version it has then), so each gets its findings, note, activity row and notifications,
 * and a failure keeps what was done. Tasks no longer open (closed or invalid) are counted,
 * not touched; ids that name no task are counted as missing.
 */
export async function closeTasks(
  db: Db,
  actor: Actor,
  rawInput: CloseTasksInput,
): Promise<CloseTasksResult> {
  assertCan(actor, 'tasks.bulk-close');
  const { taskIds, findings } = parseInput(closeTasksInput, rawInput);
  const ids = [...new Set(taskIds)];
  const result: CloseTasksResult = { closed: 0, alreadyClosed: 0, missing: 0 };
  const found = await db.select({ id: tasks.id }).from(tasks).where(inArray(tasks.id, ids));
  result.missing = ids.length - found.length;
  for (const { id } of found) {
    const closed = await db.transaction(async (tx) => {
      const [current] = await tx
        .select({ state: tasks.state, version: tasks.version })
        .from(tasks)
        .where(eq(tasks.id, id))
        .for('update');
      if (current.state !== 'open') return false;
      await closeTask(tx, actor, id, { version: current.version, from: 'open', findings });
      return true;
    });
    if (closed) result.closed += 1;
    else result.alreadyClosed += 1;
  }
  return result;
}

import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { tasks, type Task } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { assertReferencesExist } from '@/lib/tickets/assert-references';
import { parseInput } from '@/lib/validation';
import { createTaskInput, type CreateTaskInput } from './schemas';
import { recordTicketOpened } from '@/lib/tickets/record-opened';
import { taskKind } from './ticket-kind';

export type CreateTaskResult = {
  task: Task;
  /**
   * False when the task of this (scheduleId, periodKey) already existed: nothing was
   * written and `task` is the existing one. Always true for tasks without a schedule.
   */
  created: boolean;
};

/**
 * Opens a task with its watchers and policies, logs it, and queues the "opened"
 * notification (owner and watchers). Runs in its own transaction, or in a savepoint of
 * the caller's when given one (schedule generation composes it with its own writes).
 * For a schedule's occurrence it is idempotent: a second call for the same occurrence,
 * however many workers race, returns the first task and writes nothing.
 */
export async function createTask(
  db: DbOrTx,
  actor: Actor,
  rawInput: CreateTaskInput,
): Promise<CreateTaskResult> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(createTaskInput, rawInput);
  return db.transaction((tx) => createInTransaction(tx, actor, input));
}

async function createInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof createTaskInput.parse>,
): Promise<CreateTaskResult> {
  await assertReferencesExist(tx, input);

  const actorId = actor.kind === 'user' ? actor.userId : null;
  const [task] = await tx
    .insert(tasks)
    .values({
      title: input.title,
      ...input.owner,
      dueAt: input.dueAt ?? null,
      description: input.description,
      query: input.query,
      tags: input.tags,
      scheduleId: input.scheduleId ?? null,
      occurrenceAt: input.occurrenceAt ?? null,
      periodKey: input.periodKey ?? null,
      generatedLate: input.generatedLate,
      lateReason: input.lateReason ?? null,
      createdById: actorId,
      updatedById: actorId,
    })
    // Only a schedule's period can conflict (tasks_schedule_period_key): the loser of a race
    // waits for the winner's commit and then inserts nothing.
    .onConflictDoNothing({
      target: [tasks.scheduleId, tasks.periodKey],
      where: sql`${tasks.scheduleId} is not null`,
    })
    .returning();
  if (!task) {
    const [existing] = await tx
      .select()
      .from(tasks)
      .where(and(eq(tasks.scheduleId, input.scheduleId!), eq(tasks.periodKey, input.periodKey!)));
    return { task: existing, created: false };
  }

  await recordTicketOpened(tx, taskKind, actor, task, input, {
    ...(task.tags.length ? { tags: { old: [], new: task.tags } } : {}),
    ...(task.query ? { query: { old: null, new: task.query } } : {}),
    ...(task.scheduleId
      ? {
          scheduleId: { old: null, new: task.scheduleId },
          occurrenceAt: { old: null, new: task.occurrenceAt!.toISOString() },
          ...(task.generatedLate ? { generatedLate: { old: null, new: true } } : {}),
          ...(task.lateReason ? { lateReason: { old: null, new: task.lateReason } } : {}),
          ...(input.ownerFallback
            ? { ownerFallback: { old: null, new: input.ownerFallback } }
            : {}),
        }
      : {}),
  });
  return { task, created: true };
}

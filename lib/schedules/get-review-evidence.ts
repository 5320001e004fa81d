import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskReviewEvidence, tasks, taskSchedules, type TaskReviewEvidence } from '@/db/schema';

/** A generated task's review evidence, with the schedule's zone its window is read in. */
export type ReviewEvidence = TaskReviewEvidence & { timeZone: string };

export async function getTaskReviewEvidence(
  db: DbOrTx,
  taskId: string,
): Promise<ReviewEvidence | null> {
  const [row] = await db
    .select({ evidence: taskReviewEvidence, timeZone: taskSchedules.timeZone })
    .from(taskReviewEvidence)
    .innerJoin(tasks, eq(tasks.id, taskReviewEvidence.taskId))
    .leftJoin(taskSchedules, eq(taskSchedules.id, tasks.scheduleId))
    .where(eq(taskReviewEvidence.taskId, taskId));
  return row ? { ...row.evidence, timeZone: row.timeZone ?? 'UTC' } : null;
}

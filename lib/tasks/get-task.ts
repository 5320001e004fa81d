import type { DbOrTx } from '@/db/client';
import type { Task } from '@/db/schema';
import { getTaskReviewEvidence, type ReviewEvidence } from '@/lib/schedules/get-review-evidence';
import { getTicketIdByNumber } from '@/lib/tickets/find-by-number';
import { findTicket, getTicketChildren, type TicketChildren } from '@/lib/tickets/get-detail';
import { isOverdue } from './overdue';
import { taskKind } from './ticket-kind';

export type TaskDetail = Task &
  TicketChildren & {
    overdue: boolean;
    /** What a generated review's query matched in its period; null for other tasks. */
    reviewEvidence: ReviewEvidence | null;
  };

export async function getTaskIdByNumber(db: DbOrTx, number: number): Promise<string | undefined> {
  return getTicketIdByNumber(db, taskKind, number);
}

/** One task with everything its page, the API and notifications show. */
export async function getTaskDetail(
  db: DbOrTx,
  where: { id: string } | { number: number },
  now = new Date(),
): Promise<TaskDetail | undefined> {
  const task = await findTicket(db, taskKind, where);
  if (!task) return undefined;
  const [children, reviewEvidence] = await Promise.all([
    getTicketChildren(db, taskKind, task),
    task.scheduleId ? getTaskReviewEvidence(db, task.id) : null,
  ]);
  return { ...task, overdue: isOverdue(task, now), ...children, reviewEvidence };
}

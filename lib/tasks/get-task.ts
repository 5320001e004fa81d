import type { DbOrTx } from '@/db/client';
import type { Task } from '@/db/schema';
import { getTicketIdByNumber } from '@/lib/tickets/find-by-number';
import { findTicket, getTicketChildren, type TicketChildren } from '@/lib/tickets/get-detail';
import { isOverdue } from './overdue';
import { taskKind } from './ticket-kind';

export type TaskDetail = Task & TicketChildren & { overdue: boolean };

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
  return {
    ...task,
    overdue: isOverdue(task, now),
    ...(await getTicketChildren(db, taskKind, task)),
  };
}

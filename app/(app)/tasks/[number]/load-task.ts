import { getTaskDetail } from '@/lib/tasks/get-task';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { loadTicketFromUrl } from '@/lib/tickets/load-from-url';

/** The task named by the URL (/tasks/2001 or /tasks/TASK-2001), or a 404. */
export function loadTask(param: string) {
  return loadTicketFromUrl(taskKind, param, (db, where) => getTaskDetail(db, where));
}

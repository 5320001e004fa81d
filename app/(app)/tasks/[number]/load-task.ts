import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getTaskDetail } from '@/lib/tasks/get-task';
import { parseTaskNumber } from '@/lib/tasks/schemas';

/** The task named by the URL (/tasks/2001 or /tasks/TASK-2001), or a 404. */
export async function loadTask(param: string) {
  const number = parseTaskNumber(decodeURIComponent(param));
  if (!number) notFound();
  const task = await getTaskDetail(getDb(), { number });
  if (!task) notFound();
  return task;
}

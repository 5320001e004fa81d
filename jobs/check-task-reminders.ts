import { z } from 'zod';
import { queueTaskReminders } from '@/lib/notifications/task-reminders';
import { defineJob } from './registry';

export const CHECK_TASK_REMINDERS = 'tasks.check-reminders';

/** Every minute: reminds owners of tasks due tomorrow, and of overdue ones once a day. */
export const checkTaskRemindersJob = defineJob({
  name: CHECK_TASK_REMINDERS,
  schema: z.object({}).passthrough(),
  async handle(_payload, { db, log }) {
    const result = await queueTaskReminders(db);
    if (result.dueTomorrow || result.overdue) log('task reminders queued', result);
    return result;
  },
});

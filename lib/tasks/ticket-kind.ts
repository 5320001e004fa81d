import {
  taskAttachments,
  taskNotes,
  taskPolicies,
  tasks,
  taskWatchers,
  type Task,
} from '@/db/schema';
import { TASK_NUMBER_PREFIX } from './schemas';
import { childTable, type TicketKind } from '@/lib/tickets/ticket-kind';

// Tasks have no hooks: a note is evidence of the work and nothing more.
export const taskKind: TicketKind<Task> = {
  entityType: 'task',
  noun: 'task',
  plural: 'tasks',
  numberPrefix: TASK_NUMBER_PREFIX,
  routeBase: '/tasks',
  permissions: { view: 'tickets.view', work: 'tickets.work', export: 'tickets.export' },
  table: tasks,
  watchers: childTable(taskWatchers, 'taskId'),
  policies: childTable(taskPolicies, 'taskId'),
  notes: childTable(taskNotes, 'taskId'),
  attachments: childTable(taskAttachments, 'taskId'),
};

import { ticketOperations } from '@/lib/tickets/ticket-operations';
import { taskKind } from './ticket-kind';

// Notes and attachments of tasks: the shared ticket code; never deleted (the database refuses it).
export const {
  addNote: addTaskNote,
  editNote: editTaskNote,
  addAttachment: addTaskAttachment,
  getAttachment: getTaskAttachment,
} = ticketOperations(taskKind);

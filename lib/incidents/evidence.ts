import { ticketOperations } from '@/lib/tickets/ticket-operations';
import { incidentKind } from './ticket-kind';

// Notes and attachments of incidents: the shared ticket code, with incidentKind's hook
// making an owner's first note the response.
export const {
  addNote: addIncidentNote,
  editNote: editIncidentNote,
  addAttachment: addIncidentAttachment,
  getAttachment: getIncidentAttachment,
} = ticketOperations(incidentKind);

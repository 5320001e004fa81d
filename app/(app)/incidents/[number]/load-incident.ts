import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { loadTicketFromUrl } from '@/lib/tickets/load-from-url';

/** The incident named by the URL (/incidents/1042 or /incidents/INC-1042), or a 404. */
export function loadIncident(param: string) {
  return loadTicketFromUrl(incidentKind, param, getIncidentDetail);
}

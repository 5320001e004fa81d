import { incidentKind } from '@/lib/incidents/ticket-kind';
import { activityCsvRoute } from '@/lib/tickets/routes/activity-csv-route';

export const GET = activityCsvRoute(incidentKind);

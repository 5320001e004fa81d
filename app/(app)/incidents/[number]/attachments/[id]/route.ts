import { incidentKind } from '@/lib/incidents/ticket-kind';
import { attachmentDownloadRoute } from '@/lib/tickets/routes/attachment-routes';

export const GET = attachmentDownloadRoute(incidentKind);

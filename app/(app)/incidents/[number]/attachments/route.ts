import { incidentKind } from '@/lib/incidents/ticket-kind';
import { attachmentUploadRoute } from '@/lib/tickets/routes/attachment-routes';

export const POST = attachmentUploadRoute(incidentKind);

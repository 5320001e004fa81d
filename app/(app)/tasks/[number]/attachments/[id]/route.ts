import { taskKind } from '@/lib/tasks/ticket-kind';
import { attachmentDownloadRoute } from '@/lib/tickets/routes/attachment-routes';

export const GET = attachmentDownloadRoute(taskKind);

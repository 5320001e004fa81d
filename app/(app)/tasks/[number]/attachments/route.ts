import { taskKind } from '@/lib/tasks/ticket-kind';
import { attachmentUploadRoute } from '@/lib/tickets/routes/attachment-routes';

export const POST = attachmentUploadRoute(taskKind);

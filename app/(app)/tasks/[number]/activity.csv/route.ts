import { taskKind } from '@/lib/tasks/ticket-kind';
import { activityCsvRoute } from '@/lib/tickets/routes/activity-csv-route';

export const GET = activityCsvRoute(taskKind);

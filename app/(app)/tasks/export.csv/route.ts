import { streamTasksCsv, taskExportFileName } from '@/lib/tasks/export-csv';
import { parseTaskListParams } from '@/lib/tasks/list-params';
import { listExportRoute } from '@/lib/tickets/routes/list-export-route';

// The list's download link: the file holds exactly the tasks the list shows.
export const GET = listExportRoute({
  parse: parseTaskListParams,
  stream: streamTasksCsv,
  fileName: taskExportFileName,
});

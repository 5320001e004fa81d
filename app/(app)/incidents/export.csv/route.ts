import { exportFileName, streamIncidentsCsv } from '@/lib/incidents/export-csv';
import { parseIncidentListParams } from '@/lib/incidents/list-params';
import { listExportRoute } from '@/lib/tickets/routes/list-export-route';

// The list's cloud icon: the file holds exactly the incidents the list shows.
export const GET = listExportRoute({
  parse: parseIncidentListParams,
  stream: streamIncidentsCsv,
  fileName: exportFileName,
});

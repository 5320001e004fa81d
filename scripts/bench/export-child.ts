import { createDb } from '../../db/client';
import { closeExportDb } from '../../lib/exports/export-db';
import { startExport } from '../../lib/exports/start-export';
import { streamIncidentsCsv } from '../../lib/incidents/export-csv';
import { parseIncidentListParams } from '../../lib/incidents/list-params';

// Runs one CSV export of every incident in a process of its own, so its peak RSS is the
// export's and not the benchmark's: prints { bytes, ms, cpuMs, maxRssMb } as JSON (CPU time
// beside wall time, so a figure taken on a busy machine still says what the export costs).
// `guarded`: as the routes run it since issue 13, on the export pool (getExportDb) behind
// the per-user count and the idle watch (lib/exports/start-export.ts), to compare with the
// bare stream on a pool of its own.
const [url, timeZone, mode] = process.argv.slice(2);
process.env.DATABASE_URL = url;
const db = createDb(url, { max: 2, applicationName: 'vigil-bench-export' });
const params = parseIncidentListParams(new URLSearchParams('state=all'), {
  userId: '00000000-0000-4000-8000-000000000000',
  teamIds: [],
  timeZone,
});
const start = process.hrtime.bigint();
let bytes = 0;
const stream =
  mode === 'guarded'
    ? startExport('00000000-0000-4000-8000-000000000000', 'bench', (exportDb) =>
        streamIncidentsCsv(exportDb, params, timeZone),
      )
    : streamIncidentsCsv(db, params, timeZone);
if (stream === 'busy') throw new Error('the export was refused');
const reader = stream.getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const { user, system } = process.cpuUsage();
await db.close();
await closeExportDb();
console.log(
  JSON.stringify({
    bytes,
    ms,
    cpuMs: (user + system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);

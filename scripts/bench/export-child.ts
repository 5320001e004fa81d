import { createDb } from '../../db/client';
import { streamIncidentsCsv } from '../../lib/incidents/export-csv';
import { parseIncidentListParams } from '../../lib/incidents/list-params';

// Runs one CSV export of every incident in a process of its own, so its peak RSS is the
// export's and not the benchmark's: prints { bytes, ms, cpuMs, maxRssMb } as JSON (CPU time
// beside wall time, so a figure taken on a busy machine still says what the export costs).
const [url, timeZone] = process.argv.slice(2);
const db = createDb(url, { max: 2, applicationName: 'vigil-bench-export' });
const params = parseIncidentListParams(new URLSearchParams('state=all'), {
  userId: '00000000-0000-4000-8000-000000000000',
  teamIds: [],
  timeZone,
});
const start = process.hrtime.bigint();
let bytes = 0;
const reader = streamIncidentsCsv(db, params, timeZone).getReader();
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.byteLength;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const { user, system } = process.cpuUsage();
await db.close();
console.log(
  JSON.stringify({
    bytes,
    ms,
    cpuMs: (user + system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);

import { createDb } from '../../../db/client';
import { systemActor } from '../../../lib/auth/actor';
import { generateEvidenceBundle } from '../../../lib/reports/bundle/generate-evidence-bundle';

// One evidence bundle (or the baseline: a plain batched read of the same attachments' bytes)
// in a process of its own, so its peak RSS is the bundle's and not the benchmark's. Prints
// { bytes, ms, maxRssMb } as JSON.
const [url, mode, from, to] = process.argv.slice(2);
const db = createDb(url, { max: 4, applicationName: 'vigil-bench-bundle' });
const start = process.hrtime.bigint();
let bytes = 0;
if (mode === 'baseline') {
  // The same rows the bundle reads, 64 at a time, without zipping or hashing.
  for await (const rows of db.$client`select data from task_attachments`.cursor(64))
    for (const row of rows) bytes += (row.data as Buffer).length;
} else {
  const bundle = await generateEvidenceBundle(
    db,
    systemActor('bench'),
    new URLSearchParams({ from, to }),
    { timeZone: 'UTC' },
  );
  const reader = bundle.stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    bytes += next.value.byteLength;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
await db.close();
console.log(JSON.stringify({ bytes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));

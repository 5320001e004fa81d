import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDb, type Db } from '../../db/client';
import { systemActor } from '../../lib/auth/actor';
import { ingestEvents } from '../../lib/events/ingest';
import { normalizeEvent } from '../../lib/events/normalize';
import { eventCopyRow, EVENT_COPY_COLUMNS } from '../../lib/events/postgres/insert';
import { ensureEventPartitions, utcDaysOf } from '../../lib/events/postgres/partitions';
import { dropPartitionsBefore } from '../../lib/events/postgres/retention';
import { openBenchDatabase, timeIt } from './bench-database';
import { runEventQueryBench } from './events-query';
import { seedEvents } from './seed-events';

// npm run bench -- events
// VIGIL_BENCH_EVENTS   events in the store before ingest is measured (default 10,000,000;
//                      100000 gives every figure in about a minute)
// VIGIL_BENCH_INGEST   events ingested and copied for the comparison (default 200,000)
// VIGIL_BENCH_BATCH    events per ingest call, as a shipper batches them (default 2,000)
// VIGIL_BENCH_SHIPPERS concurrent shippers to measure with, comma-separated (default 1,2)
// BENCH_DATABASE_URL   use your server instead of an embedded PostgreSQL
// Ingest through the bulk path (NDJSON lines parsed, normalised, COPY) against psql's \copy
// of the same rows into the same table, every index in place; dropping an expired day's
// partition, small and large; storage per million events; then the query benchmark.

const STORE = Number(process.env.VIGIL_BENCH_EVENTS ?? 10_000_000);
const INGEST = Number(process.env.VIGIL_BENCH_INGEST ?? 200_000);
const BATCH = Number(process.env.VIGIL_BENCH_BATCH ?? 2_000);
const SHIPPERS = (process.env.VIGIL_BENCH_SHIPPERS ?? '1,2').split(',').map(Number);
const DAYS = 30;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function run(): Promise<void> {
  for (const [name, value] of Object.entries({
    STORE,
    INGEST,
    BATCH,
    SHIPPERS: Math.min(...SHIPPERS),
  }))
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${name} must be a positive whole number.`);
  console.log(
    `Events benchmark: a store of ${fmt(STORE)} events over ${DAYS} days, ${fmt(INGEST)} ingested in batches of ${fmt(BATCH)}`,
  );
  const bench = await openBenchDatabase();
  const db = createDb(bench.url, { max: 4, applicationName: 'vigil-bench' });
  const now = new Date();
  try {
    const seeded = await timeIt(() =>
      seedEvents(db.$client, { count: STORE, days: DAYS, now, log: (line) => console.log(line) }),
    );
    console.log(`Seeded in ${(seeded.ms / 1000).toFixed(1)} s (indexes rebuilt, VACUUM ANALYZE)\n`);
    await benchIngest(db, bench.url, now);
    await benchStorage(db);
    await benchQueries(db, now);
    await benchDrop(db, now);
  } finally {
    await db.close();
    await bench.close();
  }
}

/** What Winlogbeat and a firewall's syslog send, as NDJSON lines: parsing is part of ingest. */
function shipperLines(count: number, now: Date): string[] {
  const lines: string[] = [];
  // Mostly logons and process creation, some failures, an account change now and then.
  const ids = [
    ...Array<number>(40).fill(4624),
    ...Array<number>(25).fill(4634),
    ...Array<number>(13).fill(4672),
    ...Array<number>(12).fill(4688),
    ...Array<number>(7).fill(4625),
    ...Array<number>(3).fill(4769),
  ];
  for (let i = 0; i < count; i++) {
    const at = new Date(now.getTime() - 3600_000 + (i / count) * 3600_000).toISOString();
    if (i % 10 < 7) {
      const id = i % 5000 === 1 ? 4720 : i % 5000 === 2 ? 4722 : ids[(i * 7919) % ids.length];
      lines.push(
        JSON.stringify({
          '@timestamp': at,
          agent: { type: 'winlogbeat', version: '8.17.0', hostname: `SRV${i % 400}` },
          host: { name: `srv${String(i % 400).padStart(3, '0')}.corp.example` },
          event: {
            code: String(id),
            provider: 'Microsoft-Windows-Security-Auditing',
            kind: 'event',
          },
          message: `Windows security event ${id} for user${i % 5000}`,
          winlog: {
            channel: 'Security',
            event_id: id,
            provider_name: 'Microsoft-Windows-Security-Auditing',
            record_id: 1_000_000 + i,
            event_data: {
              TargetUserName: `user${i % 5000}`,
              TargetDomainName: 'CORP',
              LogonType: String(i % 11),
              IpAddress: `198.51.100.${i % 250}`,
            },
          },
          user: { name: `user${i % 5000}` },
        }),
      );
    } else {
      lines.push(
        JSON.stringify({
          '@timestamp': at,
          message: `Deny tcp src outside:203.0.113.${i % 250}/${1024 + (i % 60000)} dst inside:10.20.${i % 50}.${i % 250}/443`,
          'syslog.app_name': 'asa',
          'syslog.hostname': 'fw01',
          'syslog.msgid': '106023',
          'syslog.facility': 'local4',
          'syslog.severity': 'warning',
          source: { ip: `203.0.113.${i % 250}`, port: 1024 + (i % 60000) },
          destination: { ip: `10.20.${i % 50}.${i % 250}`, port: 443 },
        }),
      );
    }
  }
  return lines;
}

async function benchIngest(db: Db, url: string, now: Date): Promise<void> {
  const lines = shipperLines(INGEST, now);
  const actor = systemActor('bench');
  // Warm-up batch, untimed: the day's partition, the field names, the planner's caches.
  await ingestEvents(
    db,
    actor,
    lines.slice(0, BATCH).map((l) => JSON.parse(l)),
    'bulk',
  );

  // One shipper sends a batch and waits for the answer; several (Winlogbeat on many hosts,
  // Logstash's pipeline workers) keep batches in flight, so parsing and normalising in Node
  // overlap PostgreSQL's writing.
  const ours: { shippers: number; ms: number; cpuUs: number }[] = [];
  for (const shippers of SHIPPERS) {
    const cpuBefore = process.cpuUsage();
    const timed = await timeIt(async () => {
      let next = 0;
      let accepted = 0;
      const ship = async () => {
        for (let i = next; i < lines.length; i = next) {
          next += BATCH;
          const raws = lines.slice(i, i + BATCH).map((line) => JSON.parse(line) as unknown);
          const result = await ingestEvents(db, actor, raws, 'bulk');
          if (result.rejected.length) throw new Error(`refused: ${result.rejected[0].reason}`);
          accepted += result.accepted;
        }
      };
      await Promise.all(Array.from({ length: shippers }, ship));
      return accepted;
    });
    if (timed.value !== INGEST)
      throw new Error(`only ${timed.value} of ${INGEST} events were accepted`);
    const cpu = process.cpuUsage(cpuBefore);
    ours.push({ shippers, ms: timed.ms, cpuUs: (cpu.user + cpu.system) / INGEST });
  }

  // The same rows, as the store writes them, for psql.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-copy-'));
  const file = path.join(scratch, 'events.copy');
  let text = '';
  const instants: Date[] = [];
  for (const line of lines) {
    const result = normalizeEvent(JSON.parse(line), 'bulk', { now });
    if (!result.ok) throw new Error(result.reason);
    instants.push(result.event.occurredAt);
    text += eventCopyRow(result.event);
  }
  writeFileSync(file, text);
  await ensureEventPartitions(db, utcDaysOf(instants));
  const columns = EVENT_COPY_COLUMNS.map((c) => `"${c}"`).join(', ');
  let copyMs: number | null = null;
  try {
    const copy = await timeIt(() =>
      promisify(execFile)('psql', [
        url,
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy events (${columns}) from '${file}'`,
      ]),
    );
    copyMs = copy.ms;
  } catch (error) {
    console.log(`  psql \\copy could not run (${(error as Error).message.split('\n')[0]})`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const rate = (ms: number) => INGEST / (ms / 1000);
  console.log(
    `Ingest of ${fmt(INGEST)} events into a store of ${fmt(STORE)}, every index in place`,
  );
  for (const { shippers, ms, cpuUs } of ours)
    console.log(
      `  ingestEvents, ${shippers} shipper${shippers > 1 ? 's' : ' '} (bulk, ${fmt(BATCH)} a batch)  ${(ms / 1000).toFixed(2)} s  ${fmt(rate(ms)).padStart(7)} events/s${copyMs === null ? '' : `  ${(copyMs / ms).toFixed(2)}× COPY`}  (Node CPU ${cpuUs.toFixed(1)} µs/event)`,
    );
  if (copyMs !== null)
    console.log(
      `  psql \\copy of the same rows               ${(copyMs / 1000).toFixed(2)} s  ${fmt(rate(copyMs)).padStart(7)} events/s`,
    );
  // On a busy machine Node's share of the CPU decides the first figures; its CPU per event
  // says what the path costs whatever else runs.
  console.log(
    `  (targets: ≥ 20,000 events/s and ≥ 0.5× COPY; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)\n`,
  );
}

async function benchStorage(db: Db): Promise<void> {
  const [row] = await db.$client<{ rows: string; heap: string; indexes: string; total: string }[]>`
    select sum(c.reltuples)::bigint as rows,
           sum(pg_table_size(c.oid))::bigint as heap,
           sum(pg_indexes_size(c.oid))::bigint as indexes,
           sum(pg_total_relation_size(c.oid))::bigint as total
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'events'::regclass`;
  await db.$client`analyze events`;
  const [{ count }] = await db.$client<
    { count: string }[]
  >`select count(*)::bigint as count from events`;
  const perMillion = (bytes: string) => ((Number(bytes) / Number(count)) * 1e6) / 1024 / 1024;
  console.log(
    `Storage of ${fmt(Number(count))} events (pg_total_relation_size over the partitions)`,
  );
  console.log(
    `  per million events  ${perMillion(row.total).toFixed(0)} MB  (table and TOAST ${perMillion(row.heap).toFixed(0)} MB, indexes ${perMillion(row.indexes).toFixed(0)} MB)\n`,
  );
}

async function benchDrop(db: Db, now: Date): Promise<void> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dayAt = (d: number) => new Date(today - d * 86_400_000);
  // A small expired day next to the largest ones: dropping should cost the same.
  const small = dayAt(DAYS + 5);
  await ensureEventPartitions(db, utcDaysOf([small]));
  await db.$client`
    insert into events (occurred_at, source, message)
    select ${small.toISOString()}::timestamptz + g * interval '1 second', 'bulk', 'old' from generate_series(1, 1000) g`;
  const sizes = async (day: Date) => {
    const name = `events_${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
    const [r] = await db.$client<
      { n: string }[]
    >`select reltuples::bigint as n from pg_class where relname = ${name}`;
    return Number(r?.n ?? 0);
  };
  await db.$client`analyze events`;
  console.log('Dropping an expired day (DETACH CONCURRENTLY + DROP)');
  const oldest = dayAt(DAYS - 1);
  for (const [label, day] of [
    ['small day', small],
    ['full day', oldest],
  ] as const) {
    const rows = await sizes(day);
    const drop = await timeIt(() => dropPartitionsBefore(db, new Date(day.getTime() + 86_400_000)));
    console.log(
      `  ${label.padEnd(10)} ~${fmt(Math.max(rows, 1000)).padStart(10)} events  ${drop.ms.toFixed(0)} ms  (${drop.value.dropped.join(', ')})`,
    );
  }
  console.log('');
}

async function benchQueries(db: Db, now: Date): Promise<void> {
  // The query benchmark lives with the query language (scripts/bench/events-query.ts).
  await runEventQueryBench(db, { now, days: DAYS });
  console.log('');
}

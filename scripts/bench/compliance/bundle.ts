import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { build } from 'esbuild';
import { taskAttachments } from '../../../db/schema';
import { seedSchedulesWithLedger } from '../seed-schedules';
import type { ComplianceBench } from './context';

// The compliance report's evidence bundle for a year of 100 schedules with 1,000 attachments
// on their tasks: the whole zip streamed to a sink that only counts bytes, in a child process
// (bundled like a production build, so its peak RSS is the bundle's), beside a baseline in
// the same run: a plain batched read of the same attachments' bytes.

const SCHEDULES = 100;
const ATTACHMENTS = 1_000;
const DAY_MS = 86_400_000;

/** Screenshots and text (70 %), PDFs (25 %), exports (5 %): about 230 KB on average. */
function attachmentSize(i: number): number {
  const r = ((i * 7919) % 1000) / 1000;
  if (i % 20 === 0) return Math.round(1_000_000 + r * 1_000_000);
  if (i % 4 === 0) return Math.round(150_000 + r * 450_000);
  return Math.round(20_000 + r * 130_000);
}

async function seed(bench: ComplianceBench, now: Date): Promise<number> {
  const { db } = bench;
  const { ledgerRows } = await seedSchedulesWithLedger(db, {
    total: SCHEDULES,
    now,
    ledgerDays: 365,
    gapEvery: 1_000_000,
  });
  // 1,000 of the periods get a task (closed, with findings) instead of a recorded miss. The
  // ledger is append-only (a trigger refuses UPDATE); the seed rewrites its own fresh rows
  // with triggers off for this one transaction, as a restore would.
  const linked = await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    return tx.execute<{ id: string }>(sql`
    with chosen as (
      -- Recorded misses without a task: run after the other parts, the database also holds
      -- their schedules, whose periods may already have tasks.
      select p.schedule_id, p.period_key, p.occurrence_at from schedule_periods p
      where p.outcome = 'missed'
        and not exists (select 1 from tasks t where t.schedule_id = p.schedule_id and t.period_key = p.period_key)
      order by md5(p.schedule_id::text || p.period_key) limit ${ATTACHMENTS}
    ), made as (
      insert into tasks (title, state, findings, closed_at, schedule_id, occurrence_at, period_key, due_at)
      select 'Bench review ' || period_key, 'closed', 'Reviewed, nothing found.', occurrence_at + interval '1 day',
             schedule_id, occurrence_at, period_key, occurrence_at + interval '3 days'
      from chosen
      returning id, schedule_id, period_key
    ), linked as (
      update schedule_periods p set outcome = 'task', task_id = made.id, reason = ''
      from made where p.schedule_id = made.schedule_id and p.period_key = made.period_key
      returning made.id
    )
    select id from linked`);
  });
  let total = 0;
  const ids = linked.map((row) => row.id);
  for (let i = 0; i < ids.length; i += 20) {
    const rows = ids.slice(i, i + 20).map((taskId, j) => {
      const data = randomBytes(attachmentSize(i + j));
      total += data.length;
      return {
        taskId,
        fileName: `evidence ${i + j + 1}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        data,
      };
    });
    await db.insert(taskAttachments).values(rows);
  }
  console.log(
    `Seeded ${SCHEDULES} schedules (${ledgerRows.toLocaleString('en-US')} periods in a year), ${ids.length} tasks with one attachment each: ${(total / 1e6).toFixed(1)} MB (20 KB – 2 MB)`,
  );
  return total;
}

type ChildRun = { bytes: number; ms: number; maxRssMb: number };

function runChild(bundlePath: string, args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundlePath, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildRun)
        : reject(new Error(`bundle child exited ${code}`)),
    );
  });
}

export async function run(bench: ComplianceBench): Promise<void> {
  const now = new Date();
  const attachmentBytes = await seed(bench, now);
  await bench.db.$client`vacuum analyze task_attachments, tasks, schedule_periods`;
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 364 * DAY_MS).toISOString().slice(0, 10);

  // Inside node_modules so the bundle's own imports (drizzle, postgres, yazl) resolve.
  const childPath = path.join('node_modules', '.cache', 'vigil-bench', 'bundle-child.mjs');
  await build({
    entryPoints: ['scripts/bench/compliance/bundle-child.ts'],
    outfile: childPath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const args = (mode: string) => [bench.url, mode, from, to];
  await runChild(childPath, args('baseline')); // warms the cache for both sides
  const baseline = await runChild(childPath, args('baseline'));
  const runs: ChildRun[] = [];
  for (let i = 0; i < 3; i++) runs.push(await runChild(childPath, args('bundle')));
  const median = [...runs].sort((a, b) => a.ms - b.ms)[1];
  const mb = (bytes: number) => bytes / 1e6;
  const rate = (r: ChildRun) => mb(attachmentBytes) / (r.ms / 1000);

  console.log(
    `\nEvidence bundle, ${from} to ${to} (${SCHEDULES} schedules, ${ATTACHMENTS} attachments)`,
  );
  console.log(
    `  bundle (median of 3)      ${(median.ms / 1000).toFixed(2)} s  ${rate(median).toFixed(0)} MB/s of attachments  zip ${mb(median.bytes).toFixed(1)} MB  peak RSS ${median.maxRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  runs                      ${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s / ${r.maxRssMb.toFixed(0)} MB`).join(', ')}`,
  );
  console.log(
    `  baseline: plain read      ${(baseline.ms / 1000).toFixed(2)} s  ${rate(baseline).toFixed(0)} MB/s  read ${mb(baseline.bytes).toFixed(1)} MB  peak RSS ${baseline.maxRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  bundle / baseline         ${(median.ms / baseline.ms).toFixed(2)}× the time, ${(median.maxRssMb - baseline.maxRssMb).toFixed(0)} MB more memory`,
  );
}

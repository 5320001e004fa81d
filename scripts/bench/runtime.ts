import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findFreePort } from '../embedded/free-port';
import { startEmbeddedRedis } from '../embedded/redis';
import { openBenchDatabase } from './bench-database';
import { measureStart, type ProcessRun, type Readiness } from './measure-process';
import { removeScratchFolder } from '../embedded/postgres-location';

// The start of each long-running process, as it ran before (TypeScript through tsx) and as
// it runs now (its esbuild bundle), measured in the same run, A B A B…, after one warm-up of
// each: time from spawn to ready, and the peak resident memory by then. PostgreSQL and Redis
// are already running (started here once), so what is timed is the process itself.
// BENCH_RUNS sets the counted runs per variant (default 5); each run is bounded to 60 s.

const RUNS = Math.max(1, Math.min(50, Number(process.env.BENCH_RUNS ?? 5)));
const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = (name: string) => ['--enable-source-maps', path.join('build', `${name}.js`)];
const tsx = (entry: string) => ['--import', 'tsx', entry];

type Subject = {
  name: string;
  ready: string;
  args: string[];
  before: string;
  after: string;
  readiness: () => Promise<Readiness>;
  env?: (port: number | undefined) => Record<string, string>;
};

const SUBJECTS: Subject[] = [
  {
    name: 'launcher (npm start -- --services-only)',
    ready: '"Services are running"',
    args: ['--services-only'],
    before: 'scripts/start.ts',
    after: 'start',
    readiness: async () => ({ kind: 'output', text: 'Services are running' }),
  },
  {
    name: 'worker (npm run start:worker)',
    ready: '"worker started"',
    args: [],
    before: 'jobs/worker.ts',
    after: 'worker',
    readiness: async () => ({ kind: 'output', text: 'worker started' }),
  },
  {
    name: 'command line (npm run vigil -- --help)',
    ready: 'exit',
    args: ['--help'],
    before: 'scripts/vigil.ts',
    after: 'vigil',
    readiness: async () => ({ kind: 'exit' }),
  },
  {
    name: 'web wrapper (npm run start:web)',
    ready: 'port accepts',
    args: [],
    before: 'scripts/start-web.ts',
    after: 'start-web',
    readiness: async () => ({ kind: 'port', port: await findFreePort() }),
    env: (port) => ({ PORT: String(port), HOST: '127.0.0.1' }),
  },
];

export async function run(): Promise<void> {
  const { ensureRuntimeBuilt } = (await import(
    pathToFileURL(path.join(root, 'scripts', 'build-runtime.mjs')).href
  )) as {
    ensureRuntimeBuilt: (root: string, say: (line: string) => void) => Promise<string | null>;
  };
  await ensureRuntimeBuilt(root, (line) => console.log(`  ${line}`));
  const database = await openBenchDatabase();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-runtime-'));
  const redis = await startEmbeddedRedis({ dir: path.join(scratch, 'redis') });
  try {
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      AUTH_SECRET: 'bench-secret-'.padEnd(40, 'b'),
      VIGIL_DATA_DIR: path.join(scratch, 'data'),
      VIGIL_DEMO_DATA: 'false',
      VIGIL_REDIS_PREFIX: 'vigil-bench-runtime',
      NEXT_TELEMETRY_DISABLED: '1',
    };
    console.log(
      `runtime: each process started ${RUNS}× through tsx and ${RUNS}× from its bundle, alternating, after a warm-up of each`,
    );
    console.log(row('process (ready when)', 'peak RSS tsx → bundle', 'start tsx → bundle'));
    for (const subject of SUBJECTS) {
      if (subject.after === 'start-web' && !existsSync(path.join(root, '.next', 'BUILD_ID'))) {
        console.log(`  ${subject.name}: skipped, there is no production build (npm run build)`);
        continue;
      }
      const once = async (variant: 'before' | 'after'): Promise<ProcessRun> => {
        const readiness = await subject.readiness();
        const env = {
          ...baseEnv,
          ...subject.env?.(readiness.kind === 'port' ? readiness.port : undefined),
        };
        const args = variant === 'before' ? tsx(subject.before) : bundle(subject.after);
        return measureStart([...args, ...subject.args], env, readiness);
      };
      await once('before');
      await once('after');
      const before: ProcessRun[] = [];
      const after: ProcessRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        before.push(await once('before'));
        after.push(await once('after'));
      }
      console.log(
        row(
          `${subject.name} (${subject.ready})`,
          pair(
            before.map((r) => r.peakRssMb),
            after.map((r) => r.peakRssMb),
            'MB',
          ),
          pair(
            before.map((r) => r.startMs),
            after.map((r) => r.startMs),
            'ms',
          ),
        ),
      );
    }
    console.log(
      '  medians; the ratio is bundle / tsx, the median of the pairwise ratios (below 1: the bundle is smaller or faster)',
    );
  } finally {
    await redis.stop();
    await database.close();
    removeScratchFolder(scratch);
  }
}

function pair(before: number[], after: number[], unit: string): string {
  const ratio = median(after.map((value, i) => value / before[i]));
  return `${median(before).toFixed(0)} → ${median(after).toFixed(0)} ${unit} (×${ratio.toFixed(2)})`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function row(label: string, ...cells: string[]): string {
  return `  ${label.padEnd(72)}${cells.map((cell) => cell.padEnd(30)).join('')}`;
}

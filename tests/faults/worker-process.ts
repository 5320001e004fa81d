import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { settlesWithin, watchExit } from '@/scripts/embedded/processes';
import { runtimeBundle } from '../support/runtime-bundle';

// The real worker process (its bundle, build/worker.js, as `npm run start:worker` runs
// it), started, SIGKILLed and restarted by the fault suite. Like a process supervisor,
// it restarts a worker that exits on its own, and keeps count: a worker that dies because
// PostgreSQL or Redis went away is a finding, not an accepted cost.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 90_000;
const STARTED = '"message":"worker started"';

export type WorkerExit = {
  at: Date;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last error line it printed, if any. */ error?: string;
};

export type WorkerSupervisor = {
  /** Starts the worker and resolves once it logs "worker started", with the time that took. */
  start(): Promise<number>;
  /** SIGKILL: no shutdown code runs, whatever it was doing is cut off. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the worker's own graceful shutdown. */
  stop(): Promise<WorkerExit | undefined>;
  readonly running: boolean;
  /** Exits nobody asked for (then restarted, as a supervisor would). */
  readonly unexpectedExits: WorkerExit[];
  readonly startMs: number[];
  logTail(lines?: number): string;
};

export function superviseWorker(
  env: Record<string, string | undefined>,
  logPath: string,
): WorkerSupervisor {
  let child: ChildProcess | undefined;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  let expectingExit = false;
  let closed = false;
  let starts = 0;
  const unexpectedExits: WorkerExit[] = [];
  const startMs: number[] = [];

  const note = (line: string) =>
    appendFileSync(logPath, `--- ${new Date().toISOString()} ${line}\n`);

  async function start(): Promise<number> {
    if (child) throw new Error('the worker is already running');
    starts += 1;
    note(`starting worker #${starts}`);
    const began = Date.now();
    const process_ = spawn(process.execPath, ['--enable-source-maps', runtimeBundle('worker')], {
      cwd: repoRoot,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process_;
    expectingExit = false;
    exited = watchExit(process_);
    let seen = '';
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        appendFileSync(logPath, chunk);
        if (seen !== 'ready') {
          seen += chunk.toString('utf8');
          if (seen.includes(STARTED)) {
            seen = 'ready';
            resolve();
          } else if (seen.length > 100_000) seen = seen.slice(-1_000);
        }
      };
      process_.stdout!.on('data', onData);
      process_.stderr!.on('data', onData);
      void exited!.then(({ code, signal }) =>
        reject(
          new Error(
            `the worker exited before it started (${signal ?? `code ${code}`})\n${logTail()}`,
          ),
        ),
      );
    });
    ready.catch(() => {}); // awaited below; a late rejection must not go unhandled
    void exited.then(({ code, signal }) => {
      note(`worker #${starts} exited (${signal ?? `code ${code}`})`);
      if (child === process_) child = undefined;
      if (expectingExit || closed) return;
      unexpectedExits.push({ at: new Date(), code, signal, error: lastErrorLine(logTail(60)) });
      // Restart it, as systemd or a container runtime would.
      setTimeout(
        () =>
          void (closed || child
            ? undefined
            : start().catch((error) => note(`restart failed: ${(error as Error).message}`))),
        1_000,
      );
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`the worker did not start within ${START_TIMEOUT_MS / 1000} s\n${logTail()}`),
          ),
        START_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const took = Date.now() - began;
    startMs.push(took);
    return took;
  }

  async function signal(name: NodeJS.Signals, waitMs: number): Promise<WorkerExit | undefined> {
    const current = child;
    const done = exited;
    if (!current || !done) return undefined;
    expectingExit = true;
    current.kill(name);
    if (!(await settlesWithin(done, waitMs))) {
      current.kill('SIGKILL');
      await done;
    }
    const { code, signal: how } = await done;
    return { at: new Date(), code, signal: how };
  }

  /** An uncaught error prints "TypeError: …" (or "Error: …") on a line of its own before Node exits. */
  function lastErrorLine(tail: string): string | undefined {
    return tail
      .split('\n')
      .reverse()
      .find((line) => /^\w*Error\b/.test(line));
  }

  function logTail(lines = 40): string {
    try {
      return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no worker log)';
    }
  }

  return {
    start,
    async kill() {
      await signal('SIGKILL', 10_000);
    },
    async stop() {
      closed = true;
      return signal('SIGTERM', 30_000);
    },
    get running() {
      return child !== undefined;
    },
    unexpectedExits,
    startMs,
    logTail,
  };
}

import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { watchExit } from '../embedded/processes';

// One start of one process, timed from spawn to the moment it is ready, with the peak
// resident memory it reached by then (reported from inside by peak-rss.mjs).

export type Readiness =
  /** A command that does its work and exits (`vigil --help`). */
  | { kind: 'exit' }
  /** A line the process prints once it serves. */
  | { kind: 'output'; text: string }
  /** A server: the first accepted connection on the port. */
  | { kind: 'port'; port: number };

export type ProcessRun = { startMs: number; peakRssMb: number };

const root = fileURLToPath(new URL('../..', import.meta.url));
const probe = new URL('./peak-rss.mjs', import.meta.url).href;
const RSS_LINE = /bench-peak-rss-kb (\d+)/;

export async function measureStart(
  nodeArgs: string[],
  env: NodeJS.ProcessEnv,
  readiness: Readiness,
  timeoutMs = 60_000,
): Promise<ProcessRun> {
  const began = performance.now();
  const child = spawn(process.execPath, ['--import', probe, ...nodeArgs], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = watchExit(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + timeoutMs;
  const waitFor = async (done: () => boolean | Promise<boolean>, what: string) => {
    while (!(await done())) {
      if (Date.now() > deadline)
        throw new Error(
          `${what} within ${timeoutMs} ms: node ${nodeArgs.join(' ')}\n${output.slice(-2_000)}`,
        );
      if (child.exitCode !== null && readiness.kind !== 'exit')
        throw new Error(
          `exited (code ${child.exitCode}) before it was ready: node ${nodeArgs.join(' ')}\n${output.slice(-2_000)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    if (readiness.kind === 'exit')
      await waitFor(() => child.exitCode !== null || child.signalCode !== null, 'did not exit');
    else if (readiness.kind === 'output')
      await waitFor(() => output.includes(readiness.text), `did not print "${readiness.text}"`);
    else await waitFor(() => accepts(readiness.port), `did not listen on port ${readiness.port}`);
    const startMs = performance.now() - began;
    const before = output.length;
    if (readiness.kind !== 'exit') child.kill('SIGUSR2');
    await waitFor(
      () => RSS_LINE.test(output.slice(readiness.kind === 'exit' ? 0 : before)),
      'did not report its memory',
    );
    const kb = Number(RSS_LINE.exec(output.slice(readiness.kind === 'exit' ? 0 : before))![1]);
    return { startMs, peakRssMb: kb / 1024 };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

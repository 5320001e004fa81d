import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

// Helpers for the servers Vigil runs itself. They matter most when a previous run was
// killed with SIGKILL: its pid files stay behind, and its servers may still be running.

/** How a server's process ended. */
export type ProcessExit = { code: number | null; signal: NodeJS.Signals | null };

/** What starting either embedded server (PostgreSQL, Redis) takes. */
export type EmbeddedServerOptions = {
  /** Working folder of the server: its data, pid file and log. */
  dir: string;
  /** Used when free; otherwise another free port is chosen. */
  port?: number;
  /** Stop a server still running on `dir` from a killed run (only when the caller owns `dir`). */
  stopLeftover?: boolean;
  /** Own process group, so a Ctrl-C in the terminal reaches only the parent, which stops things in order. */
  detached?: boolean;
  /** Receives remarks worth showing the operator (a stale pid file removed, where data lives). */
  onNote?: (message: string) => void;
};

/** A running embedded server. */
export type EmbeddedServer = {
  url: string;
  port: number;
  pid: number;
  logPath: string;
  /** Settles when the server exits, whether asked to or not. */
  exited: Promise<ProcessExit>;
  stop(): Promise<void>;
};

/** True while `pid` names a running (not zombie) process, whoever owns it. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (postgres runs as `postgres` under root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // An exited child nobody has reaped yet still answers kill(0); it is gone for our purposes.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** The command line of a running process, or undefined when it cannot be read. */
export function readCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return (
        execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim() ||
        undefined
      );
    } catch {
      return undefined;
    }
  }
}

/** The pid on the first line of a pid file; undefined when the file is missing or garbled. */
export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').split('\n')[0]!.trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Waits until `pid` has exited; false when it is still running after `timeoutMs`. */
export async function waitForProcessExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Sends each signal in turn, moving to the next only when the process outlives the wait,
 * so a server gets to shut down cleanly before it is forced. True once it has exited.
 */
export async function stopProcess(
  pid: number,
  steps: { signal: NodeJS.Signals; waitMs: number }[],
): Promise<boolean> {
  for (const { signal, waitMs } of steps) {
    if (!isProcessAlive(pid)) return true;
    try {
      process.kill(pid, signal);
    } catch {
      return !isProcessAlive(pid);
    }
    if (await waitForProcessExit(pid, waitMs)) return true;
  }
  return !isProcessAlive(pid);
}

/**
 * Resolves with how `child` ended. Unlike listening for 'exit' later, this cannot miss
 * an exit that happened before the caller started waiting.
 */
export function watchExit(child: ChildProcess): Promise<ProcessExit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * Last-resort cleanup: if this Node process exits without stopping `child` (an uncaught
 * error, process.exit from elsewhere), signal it so it does not outlive us. Returns the
 * function that removes the hook once the child has been stopped properly.
 */
export function signalOnExit(child: ChildProcess, signal: NodeJS.Signals): () => void {
  const hook = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('exit', hook);
  return () => process.off('exit', hook);
}

export function describeExit({
  code,
  signal,
}: {
  code: number | null;
  signal: NodeJS.Signals | null;
}): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

/**
 * Stops a child we spawned: each signal in turn until it exits. `target` lets callers
 * signal the child's whole process group (-pid) when it was started detached.
 */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  steps: { signal: NodeJS.Signals; waitMs: number }[],
  options: { group?: boolean } = {},
): Promise<boolean> {
  for (const { signal, waitMs } of steps) {
    if (child.exitCode !== null || child.signalCode !== null) return true;
    try {
      if (options.group && child.pid) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone between the check and the signal.
    }
    if (await settlesWithin(exited, waitMs)) return true;
  }
  return child.exitCode !== null || child.signalCode !== null;
}

/** True when `promise` settles within `ms`; the timer is cleared so it never holds the process open. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true as const,
        () => true as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

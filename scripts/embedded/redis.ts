import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SetupError } from './errors';
import { pickPort } from './free-port';
import { openServiceLog, quoteLog } from './service-log';
import {
  isProcessAlive,
  readCommandLine,
  readPidFile,
  signalOnExit,
  stopChild,
  stopProcess,
  watchExit,
  type EmbeddedServer,
  type EmbeddedServerOptions,
} from './processes';

// Redis holds the job queues. Postgres is the source of truth, but queued jobs still
// matter, so the embedded Redis keeps an append-only file and never evicts keys
// (BullMQ requires noeviction: an evicted job key is a job silently lost). It asks for a
// password, generated on the first start and kept in its folder as redis.password (this
// user only, like PostgreSQL's): bound to 127.0.0.1 it is still reachable by every local
// user, who could otherwise read queued jobs (addresses, links) or queue their own. The
// password reaches redis-server through redis.conf, never its command line (ps shows that),
// and every client through the URL.

export type StartEmbeddedRedisOptions = EmbeddedServerOptions & {
  /** Working folder: the append-only files, redis.pid and redis.log live here. */
  dir: string;
};

export type EmbeddedRedis = EmbeddedServer;

const START_TIMEOUT_MS = 30_000;
const BIND_ATTEMPTS = 3;

export const REDIS_MISSING_MESSAGE =
  'Vigil needs Redis for its job queue, but `redis-server` was not found on PATH.\n' +
  'Install it:  Debian/Ubuntu: sudo apt-get install redis-server   macOS: brew install redis\n' +
  'or point Vigil at a Redis you already run: REDIS_URL=redis://host:6379';

export async function startEmbeddedRedis(
  options: StartEmbeddedRedisOptions,
): Promise<EmbeddedRedis> {
  const dir = path.resolve(options.dir);
  const note = options.onNote ?? (() => {});
  const server = findOnPath('redis-server');
  if (!server) throw new SetupError(REDIS_MISSING_MESSAGE);

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await clearLeftover(dir, options.stopLeftover ?? false, note);

  const password = readOrCreatePassword(dir);
  const config = path.join(dir, 'redis.conf');
  writeFileSync(config, `requirepass ${password}\n`, { mode: 0o600 });
  const log = openServiceLog(path.join(dir, 'redis.log'));
  try {
    let preferred = options.port;
    for (let attempt = 1; ; attempt++) {
      const port = await pickPort(preferred);
      const child = spawn(
        server,
        [
          config,
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--protected-mode',
          'yes',
          '--dir',
          dir,
          '--appendonly',
          'yes',
          '--maxmemory-policy',
          'noeviction',
          '--daemonize',
          'no',
          '--pidfile',
          path.join(dir, 'redis.pid'),
          '--logfile',
          '', // stdout, which is redis.log
        ],
        { stdio: ['ignore', log.fd, log.fd], detached: options.detached ?? false, cwd: dir },
      );
      const exited = watchExit(child);
      const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
      const removeExitHook = signalOnExit(child, 'SIGTERM');
      const stop = async () => {
        removeExitHook();
        // SIGTERM makes redis-server flush the append-only file and exit.
        await stopChild(child, exited, [
          { signal: 'SIGTERM', waitMs: 15_000 },
          { signal: 'SIGKILL', waitMs: 5_000 },
        ]);
      };

      const outcome = await waitUntilReady(port, password, exited, spawnError);
      if (outcome === 'ready') {
        return {
          url: `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`,
          port,
          pid: child.pid!,
          logPath: log.path,
          exited,
          stop,
        };
      }
      removeExitHook();
      if (outcome instanceof Error)
        throw new SetupError(`Could not run ${server}: ${outcome.message}`);
      if (outcome === 'timeout') {
        await stop();
        throw new SetupError(
          `Redis did not answer PING within ${START_TIMEOUT_MS / 1000} s (folder ${dir}).${quoteLog(log)}`,
        );
      }
      // Someone took the port between our check and redis-server's bind: try another.
      if (/Address already in use/i.test(log.tail(20)) && attempt < BIND_ATTEMPTS) {
        preferred = undefined;
        continue;
      }
      throw new SetupError(`Redis did not start (folder ${dir}).${quoteLog(log)}`);
    }
  } finally {
    log.close(); // the child keeps its own copy of the descriptor
  }
}

/** The folder's password: read when a start before this one made it, else made and kept. */
function readOrCreatePassword(dir: string): string {
  const file = path.join(dir, 'redis.password');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept) return kept;
  }
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function waitUntilReady(
  port: number,
  password: string,
  exited: Promise<unknown>,
  spawnError: Promise<Error>,
): Promise<'ready' | 'exited' | 'timeout' | Error> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const outcome = await Promise.race([
      exited.then(() => 'exited' as const),
      spawnError,
      answersPing(port, password).then((ok) => (ok ? ('ready' as const) : ('waiting' as const))),
    ]);
    if (outcome !== 'waiting') return outcome;
    await sleep(50);
  }
  return 'timeout';
}

/**
 * AUTH, then one PING, over a plain socket. (An ioredis client that failed to connect keeps a timer
 * alive for seconds; a raw socket leaves nothing behind.) A server still replaying its
 * append-only file answers -LOADING, which is "not ready yet".
 */
async function answersPing(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write(`AUTH ${password}\r\nPING\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const lines = reply.split('\r\n');
      if (lines.length > 2) finish(lines[0] === '+OK' && lines[1] === '+PONG');
    });
  });
}

/** redis.pid from a run that was killed: ignored if its process is gone, a leftover if not. */
async function clearLeftover(
  dir: string,
  stopLeftover: boolean,
  note: (message: string) => void,
): Promise<void> {
  const pid = readPidFile(path.join(dir, 'redis.pid'));
  if (!pid || !isProcessAlive(pid) || !/redis-server/.test(readCommandLine(pid) ?? '')) return;
  // redis-server rewrites its command line, but it runs in its folder: a redis-server
  // elsewhere holds a reused pid and is none of our business.
  const cwd = workingDirectory(pid);
  if (cwd !== undefined && cwd !== dir) return;
  if (!stopLeftover) {
    throw new SetupError(
      `redis-server is already running on ${dir} (pid ${pid}), perhaps from a run that was killed.\n` +
        `Two servers on one folder would corrupt its append-only file. Stop it (kill ${pid}) and start again.`,
    );
  }
  note(`Stopping redis-server left running on ${dir} by a previous run (pid ${pid}).`);
  if (
    !(await stopProcess(pid, [
      { signal: 'SIGTERM', waitMs: 15_000 },
      { signal: 'SIGKILL', waitMs: 5_000 },
    ]))
  ) {
    throw new SetupError(
      `redis-server pid ${pid} (left by a previous run on ${dir}) would not stop. Stop it by hand and start again.`,
    );
  }
}

function workingDirectory(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined; // no /proc (macOS), or not allowed: the name check stands alone
  }
}

/** The first executable called `name` on PATH, read when called so tests can change PATH. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const folder of searchPath.split(path.delimiter)) {
    if (!folder) continue;
    const candidate = path.join(folder, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

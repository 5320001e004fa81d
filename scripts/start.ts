import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '../db/client';
import { migrateDatabase, type MigrateOptions } from '../db/migrate';
import { configuredMigration } from '../db/migration-target';
import { seedIfEmpty, type SeedResult } from '../db/seed';
import { wantsDemoData } from '../db/seed/wants-demo-data';
import { launcherMailDefault } from '../lib/email/launcher-mail-default';
import { DEFAULT_SYSLOG_PORT, launcherEnvSchema, loadEnvOrExit, publicUrlFrom } from '../lib/env';
import { buildNeeded, hashBuildInputs, writeBuildStamp } from './embedded/build-stamp';
import {
  ensureAuthSecret,
  lockDataDir,
  prepareDataDir,
  recordPostgresMajor,
  resolveDataDir,
} from './embedded/data-dir';
import { prepareEmbeddedRoles } from './embedded/database-roles';
import { SetupError } from './embedded/errors';
import { isPortFree } from './embedded/free-port';
import { startEmbeddedPostgres } from './embedded/postgres';
import { describeExit, stopChild, watchExit } from './embedded/processes';
import { startEmbeddedRedis } from './embedded/redis';

// `npm start`: one command from a fresh clone to a running Vigil. Whatever is not
// configured is provided: PostgreSQL and Redis run embedded with their data in
// VIGIL_DATA_DIR, the session secret is generated and kept there, the database is
// migrated and seeded, the app is built when its sources changed. Production
// deployments with their own PostgreSQL and Redis use start:web and start:worker instead.

const USAGE = `Usage: npm start [-- --dev | --services-only]

  (no option)       build when sources changed, then run the web server and the worker
  --dev             run \`next dev\` (hot reload) and the worker instead of a production build
  --services-only   start PostgreSQL and Redis, migrate and seed, print DATABASE_URL and
                    REDIS_URL, and wait for Ctrl-C: for running the app or tests yourself

Environment (all optional): DATABASE_URL, REDIS_URL, AUTH_SECRET, PORT (3000),
HOST (127.0.0.1; set 0.0.0.0 to accept connections from other machines),
VIGIL_PUBLIC_URL (the address in email links; AUTH_URL, else http://localhost:PORT),
VIGIL_DATA_DIR (.data), VIGIL_ADMIN_EMAIL, VIGIL_ADMIN_PASSWORD, VIGIL_DEMO_DATA (true with the embedded database),
VIGIL_SYSLOG_PORT (${DEFAULT_SYSLOG_PORT}, TCP and UDP; off to not receive syslog), VIGIL_SYSLOG_HOST
(127.0.0.1), VIGIL_SYSLOG_ZONE (UTC, for RFC 3164 times).`;

const CHILD_STOP_STEPS = [
  // Longer than the worker's own 25 s to finish active jobs (jobs/worker.ts).
  { signal: 'SIGTERM' as const, waitMs: 30_000 },
  { signal: 'SIGKILL' as const, waitMs: 5_000 },
];
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

type Mode = 'start' | 'dev' | 'services-only';
type Service = { name: string; stop: () => Promise<void> };
type Child = { name: string; child: ChildProcess; exited: ReturnType<typeof watchExit> };

const services: Service[] = [];
const children = new Set<Child>();
let stopping: Promise<void> | undefined;
let releaseLock: (() => void) | undefined;
let credentialsShown = false;
let ready = false;
const launchedAt = performance.now();

const mode = parseArgs(process.argv.slice(2));
const env = loadEnvOrExit(launcherEnvSchema);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping)
      say(`Still stopping (${signal} ignored); PostgreSQL and Redis are shut down last.`);
    else void shutdown(0, `Received ${signal}, stopping Vigil…`);
  });
}
process.on('uncaughtException', (error) => fail(error));
process.on('unhandledRejection', (error) => fail(error));

const startup = startUp().then(() => {
  ready = true;
});
startup.catch((error: unknown) => {
  // A step failing because we are already stopping is not news.
  if (!stopping) fail(error);
});

async function startUp(): Promise<void> {
  const host = env.HOST;
  if (mode !== 'services-only') await assertPortFree(env.PORT, host);

  const useDataDir = !env.DATABASE_URL || !env.REDIS_URL || !env.AUTH_SECRET;
  const dataDir = resolveDataDir(env.VIGIL_DATA_DIR);
  if (useDataDir) {
    prepareDataDir(dataDir);
    if (!env.DATABASE_URL || !env.REDIS_URL) releaseLock = lockDataDir(dataDir);
  }

  let databaseUrl = env.DATABASE_URL;
  // Migrations and the seed use databaseUrl; the web server and the worker use appDatabaseUrl.
  let appDatabaseUrl = databaseUrl;
  let migration: { url: string; options: MigrateOptions } | undefined;
  if (databaseUrl) {
    say(`Using the PostgreSQL at DATABASE_URL (${describeUrl(databaseUrl)}).`);
    migration = configuredMigration({ ...env, DATABASE_URL: databaseUrl });
  } else {
    const t = performance.now();
    const pg = await startEmbeddedPostgres({
      dir: path.join(dataDir, 'postgres'),
      detached: true,
      stopLeftover: true,
      onNote: say,
    });
    services.push({ name: 'PostgreSQL', stop: pg.stop });
    watchService('PostgreSQL', pg.exited, pg.logPath);
    recordPostgresMajor(dataDir, pg.major);
    databaseUrl = pg.url;
    // The app runs as a role that owns nothing, so it cannot switch off the evidence triggers.
    const roles = await prepareEmbeddedRoles(
      pg.url,
      `${path.join(dataDir, 'postgres')}.app-password`,
    );
    appDatabaseUrl = roles.runtimeUrl;
    migration = { url: pg.url, options: roles.migrate };
    say(
      `PostgreSQL ${pg.major} ready on 127.0.0.1:${pg.port} in ${seconds(t)} (data in ${pg.dataDir}).`,
    );
  }
  checkpoint();

  let redisUrl = env.REDIS_URL;
  if (redisUrl) {
    say(`Using the Redis at REDIS_URL (${describeUrl(redisUrl)}).`);
  } else {
    const t = performance.now();
    const redis = await startEmbeddedRedis({
      dir: path.join(dataDir, 'redis'),
      detached: true,
      stopLeftover: true,
      onNote: say,
    });
    services.push({ name: 'Redis', stop: redis.stop });
    watchService('Redis', redis.exited, redis.logPath);
    redisUrl = redis.url;
    say(`Redis ready on 127.0.0.1:${redis.port} in ${seconds(t)}.`);
  }
  checkpoint();

  const authSecret = env.AUTH_SECRET ?? ensureAuthSecret(dataDir);

  let t = performance.now();
  await migrateDatabase(migration!.url, migration!.options);
  say(`Database migrated in ${seconds(t)}.`);
  checkpoint();

  t = performance.now();
  // Two connections: seedIfEmpty holds one for its advisory lock while it writes on another.
  const db = createDb(databaseUrl, { max: 2, applicationName: 'vigil-seed' });
  let seed: SeedResult;
  try {
    seed = await seedIfEmpty(db, {
      adminEmail: env.VIGIL_ADMIN_EMAIL,
      adminPassword: env.VIGIL_ADMIN_PASSWORD,
      demoData: wantsDemoData(env),
    });
  } finally {
    await db.close();
  }
  if (seed.seeded) {
    say(`Organization created in ${seconds(t)}.`);
    printCredentials(seed);
    credentialsShown = true;
  }
  checkpoint();

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appDatabaseUrl,
    REDIS_URL: redisUrl,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: 'true',
    PORT: String(env.PORT),
    // A security team's tracker does not report usage to anyone.
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const mailDefault = launcherMailDefault(process.env);
  if (mailDefault) childEnv.VIGIL_MAIL = mailDefault;

  if (mode === 'services-only') {
    say(
      `Services are running (ready in ${seconds(launchedAt)}); Ctrl-C stops them.\n` +
        `  DATABASE_URL=${appDatabaseUrl}\n` +
        `  REDIS_URL=${redisUrl}\n` +
        // DATABASE_URL is the app's role, which owns nothing; tests and administration need more.
        (appDatabaseUrl !== databaseUrl
          ? `  Superuser URL (tests, administration): ${databaseUrl}\n`
          : '') +
        (env.AUTH_SECRET ? '' : `  AUTH_SECRET is in ${path.join(dataDir, 'auth-secret')}\n`),
    );
    // With external services nothing else keeps the process alive until the signal.
    setInterval(() => {}, 2 ** 30);
    return;
  }

  // Before a build of minutes, not after.
  const workerEntry = workerBundle();
  if (mode === 'start') {
    const hash = hashBuildInputs(root);
    const reason = buildNeeded(hash, root);
    if (reason) {
      say(`Building the app because ${reason} (this takes a few minutes)…`);
      t = performance.now();
      const build = launch('next build', bin('next'), ['build'], childEnv, { watch: false });
      const result = await build.exited;
      checkpoint();
      if (result.code !== 0)
        throw new SetupError(`next build ${describeExit(result)}; see its output above.`);
      writeBuildStamp(hash, root);
      say(`Built in ${seconds(t)}.`);
    } else {
      say('The production build is up to date.');
    }
  }

  // Checked again: the build took minutes, and something may have taken the port meanwhile.
  await assertPortFree(env.PORT, host);
  const nextArgs =
    mode === 'dev'
      ? ['dev', '-p', String(env.PORT), '-H', host]
      : ['start', '-p', String(env.PORT), '-H', host];
  launch('web server', bin('next'), nextArgs, childEnv, { watch: true });
  launch('worker', process.execPath, ['--enable-source-maps', workerEntry], childEnv, {
    watch: true,
  });
  const syslogPort = await syslogPortToUse(env.VIGIL_SYSLOG_PORT, env.VIGIL_SYSLOG_HOST);
  if (syslogPort)
    launch(
      'syslog receiver',
      process.execPath,
      ['--enable-source-maps', path.join(root, 'build', 'start-syslog.js')],
      { ...childEnv, VIGIL_SYSLOG_PORT: String(syslogPort) },
      { watch: true },
    );

  const url = `http://${displayHost(host)}:${env.PORT}`;
  // The health route is cheap and, under next dev, compiles far less than a page.
  await waitForHttp(`http://${probeHost(host)}:${env.PORT}/api/health`);
  if (stopping) return;
  say(
    `Vigil is ready in ${seconds(launchedAt)}: ${url}\n` +
      (seed.seeded
        ? '  Sign in with the administrator account shown above.\n'
        : '  Sign in with your Vigil account.\n') +
      (host === '0.0.0.0' || host === '::'
        ? `  Listening on all interfaces (HOST=${host}).\n`
        : '') +
      publicUrlLine(env) +
      '  Ctrl-C stops Vigil.',
  );
}

/**
 * The syslog receiver runs unless VIGIL_SYSLOG_PORT=off. On its default port it steps aside
 * when something else (another Vigil) has the port; a port chosen on purpose must be free.
 */
async function syslogPortToUse(
  configured: number | 'off' | undefined,
  host: string,
): Promise<number | null> {
  if (configured === 'off') return null;
  const port = configured ?? DEFAULT_SYSLOG_PORT;
  if (await isPortFree(port, host).catch(() => false)) return port;
  if (configured)
    throw new SetupError(
      `VIGIL_SYSLOG_PORT ${port} is already in use on ${host}: choose another, or VIGIL_SYSLOG_PORT=off.`,
    );
  say(
    `Not receiving syslog: port ${port} is in use on ${host} (set VIGIL_SYSLOG_PORT to another).`,
  );
  return null;
}

/** The worker runs from its bundle, as `npm run start:worker` does (`npm start` builds it first). */
function workerBundle(): string {
  const file = path.join(root, 'build', 'worker.js');
  if (!existsSync(file))
    throw new SetupError(
      `The worker is not built (${file} is missing). Run \`npm run build\`, or start Vigil with \`npm start\`.`,
    );
  return file;
}

function printCredentials(seed: Extract<SeedResult, { seeded: true }>): void {
  const lines = [
    '',
    '================================================================',
    '  Vigil created your organization. Sign in as the administrator:',
    `    email     ${seed.admin.email}`,
    `    password  ${seed.admin.generated ? seed.admin.password : '(the VIGIL_ADMIN_PASSWORD you set)'}`,
  ];
  if (seed.demoUsers.length > 0) {
    lines.push('', `  Demo users, all with the password ${seed.demoPassword ?? '(not set)'}:`);
    const width = Math.max(...seed.demoUsers.map((u) => u.email.length));
    for (const user of seed.demoUsers)
      lines.push(`    ${user.email.padEnd(width)}  ${user.name} (${user.role})`);
  }
  lines.push(
    '',
    '  These passwords are shown only this once: store them now.',
    `  To set a new one later: npm run vigil -- user reset-password --email ${seed.admin.email}`,
    '================================================================',
    '',
  );
  console.log(lines.join('\n'));
}

function launch(
  name: string,
  command: string,
  args: string[],
  childEnv: NodeJS.ProcessEnv,
  options: { watch: boolean },
): Child {
  if (stopping) throw new Stopping();
  // Own process group: the terminal's Ctrl-C reaches only us, and we stop the app before
  // the databases it is using; signalling the group also reaches next's own children.
  const child = spawn(command, args, {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const entry: Child = { name, child, exited: watchExit(child) };
  children.add(entry);
  child.once('error', (error) =>
    fail(new SetupError(`Could not run the ${name} (${command}): ${error.message}`)),
  );
  void entry.exited.then((result) => {
    children.delete(entry);
    if (options.watch && !stopping)
      void shutdown(1, `The ${name} ${describeExit(result)} unexpectedly; stopping Vigil.`);
  });
  return entry;
}

function watchService(
  name: string,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  logPath: string,
): void {
  void exited.then((result) => {
    if (!stopping)
      void shutdown(
        1,
        `${name} ${describeExit(result)} unexpectedly; stopping Vigil. Its log: ${logPath}`,
      );
  });
}

/**
 * Stops in dependency order: the app and worker first (they finish requests and jobs),
 * then Redis, then PostgreSQL, so nothing loses its database while still using it.
 */
function shutdown(code: number, message?: string): Promise<void> {
  if (stopping) return stopping;
  if (message) (code === 0 ? say : sayError)(message);
  stopping = (async () => {
    const t = performance.now();
    const childCount = children.size;
    await Promise.all(
      [...children].map(async ({ child, exited }) => {
        await stopChild(child, exited, CHILD_STOP_STEPS, { group: true });
        killGroup(child); // stragglers the leader left behind
      }),
    );
    // Let a start-up step in flight (a migration, a seed) finish before its database goes.
    await Promise.race([
      startup.catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 30_000).unref()),
    ]);
    for (const service of services.reverse()) {
      try {
        await service.stop();
      } catch (error) {
        sayError(`Could not stop ${service.name}: ${(error as Error).message}`);
      }
    }
    releaseLock?.();
    if (childCount > 0 || services.length > 0) say(`Stopped in ${seconds(t)}.`);
    process.exit(code);
  })();
  return stopping;
}

function fail(error: unknown): void {
  if (error instanceof Stopping) return;
  if (error instanceof SetupError) sayError(error.message);
  else
    sayError(
      `${ready ? 'Unexpected error' : 'Vigil could not start'}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  // The seed is done and will not run again: point back at the only copy of the passwords.
  if (credentialsShown && !ready)
    sayError(
      'Your organization was created before this error: its sign-in details are printed above and will not be shown again.',
    );
  void shutdown(1);
}

class Stopping extends Error {}

/** Between start-up steps: after a signal, start nothing new. */
function checkpoint(): void {
  if (stopping) throw new Stopping();
}

async function assertPortFree(port: number, host: string): Promise<void> {
  let free: boolean;
  try {
    free = await isPortFree(port, host);
  } catch (error) {
    // HOST is set in some shells and CI images for other reasons; say which value failed.
    throw new SetupError(
      `HOST=${host} is not an address this machine can listen on (${(error as NodeJS.ErrnoException).code}). ` +
        'Use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces).',
    );
  }
  if (free) return;
  throw new SetupError(
    `Port ${port} is already in use on ${host}, so the web server cannot listen there.\n` +
      `Stop whatever is using it, or choose another port: PORT=${port === 3000 ? 3001 : port + 1} npm start`,
  );
}

async function waitForHttp(url: string): Promise<void> {
  const warnAt = Date.now() + 60_000;
  let warned = false;
  while (!stopping) {
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      return; // any answer, even an error page, means the server is up
    } catch {
      if (!warned && Date.now() > warnAt) {
        warned = true;
        say(`Waiting for the web server to answer on ${url}…`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already empty, the usual case
  }
}

function parseArgs(args: string[]): Mode {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const unknown = args.filter((a) => a !== '--dev' && a !== '--services-only');
  if (unknown.length > 0 || (args.includes('--dev') && args.includes('--services-only'))) {
    console.error(
      `${unknown.length > 0 ? `Unknown option ${unknown.join(' ')}` : 'Choose --dev or --services-only, not both'}.\n\n${USAGE}`,
    );
    process.exit(64); // EX_USAGE
  }
  return args.includes('--dev')
    ? 'dev'
    : args.includes('--services-only')
      ? 'services-only'
      : 'start';
}

/** Host and database of a connection URL, never its password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'unparseable URL';
  }
}

// The worker computes the same URL from the same variables (lib/env.ts), so what is printed
// is what recipients will click.
function publicUrlLine(env: { VIGIL_PUBLIC_URL?: string; AUTH_URL?: string; PORT: number }) {
  const line = `  Links in emails point to ${publicUrlFrom(env)}`;
  if (env.VIGIL_PUBLIC_URL) return `${line}.\n`;
  return `${line} (set VIGIL_PUBLIC_URL if people reach Vigil at another address).\n`;
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '127.0.0.1') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function probeHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function say(message: string): void {
  console.log(`[vigil] ${message}`);
}

function sayError(message: string): void {
  console.error(`[vigil] ${message}`);
}

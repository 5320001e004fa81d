import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { buildNeeded, hashBuildInputs, writeBuildStamp } from '../../scripts/embedded/build-stamp';
import { findFreePort } from '../../scripts/embedded/free-port';
import { runtimeBundle } from '../support/runtime-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    adminEmail: string;
    adminPassword: string;
    demoPassword: string;
    /** The app's own database, for tests that arrange data directly through domain functions. */
    appDatabaseUrl: string;
    /** The app's AUTH_SECRET, for tests that sign links as the worker does (unsubscribe, set password). */
    appAuthSecret: string;
  }
}

// The e2e project's second global setup: a production build of the app, served by
// `next start` on a free port against a fresh, seeded database of its own.
export default async function setup(project: TestProject) {
  const {
    databaseAdminUrl,
    templateDatabase,
    redisUrl,
    testRunId,
    migratorRole,
    runtimeRole,
    runtimeRolePassword,
  } = project.getProvidedContext();
  const root = process.cwd();

  const hash = hashBuildInputs(root);
  const reason = buildNeeded(hash, root);
  if (reason) {
    console.log(`[e2e] building the app: ${reason}`);
    const build = spawnSync('node_modules/.bin/next', ['build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (build.status !== 0) throw new Error('next build failed');
    writeBuildStamp(hash, root);
  }

  const name = `${templateDatabase}_e2e`;
  const admin = postgres(databaseAdminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(
    `CREATE DATABASE "${name}" TEMPLATE "${templateDatabase}" OWNER "${migratorRole}"`,
  );
  const url = new URL(databaseAdminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  // The app connects as the runtime role, as in production: every e2e test also proves the
  // app needs nothing that role lacks (no UPDATE or DELETE on evidence, no ownership).
  const runtimeUrl = new URL(databaseUrl);
  runtimeUrl.username = runtimeRole;
  runtimeUrl.password = runtimeRolePassword;

  const adminEmail = 'admin@example.com';
  const adminPassword = `e2e-${randomBytes(12).toString('base64url')}`;
  const db = createDb(databaseUrl, { max: 2 });
  const seeded = await seedIfEmpty(db, { adminEmail, adminPassword, demoData: true });
  await db.close();
  if (!seeded.seeded || !seeded.demoPassword) throw new Error('the e2e database was not seeded');

  const port = await findFreePort();
  const authSecret = randomBytes(33).toString('base64');
  const appUrl = `http://127.0.0.1:${port}`;
  mkdirSync('test-results', { recursive: true });
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: runtimeUrl.toString(),
    REDIS_URL: redisUrl,
    VIGIL_REDIS_PREFIX: `vt:${testRunId}:e2e`,
    VIGIL_PUBLIC_URL: appUrl,
    AUTH_SECRET: authSecret,
    AUTH_TRUST_HOST: 'true',
    PORT: String(port),
    // As `npm start` without a mail server: emails land in the development mailbox.
    VIGIL_MAIL: 'dev',
  };
  // The worker too: emails and other side effects are delivered as in production.
  const worker: ChildProcess = spawn(
    process.execPath,
    ['--enable-source-maps', runtimeBundle('worker')],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const server: ChildProcess = spawn(
    'node_modules/.bin/next',
    ['start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const child of [server, worker]) {
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
  }

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null || worker.exitCode !== null)
      throw new Error(`next start or the worker exited early:\n${output}`);
    try {
      const response = await fetch(`${appUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  project.provide('appUrl', appUrl);
  project.provide('adminEmail', adminEmail);
  project.provide('adminPassword', adminPassword);
  project.provide('demoPassword', seeded.demoPassword);
  project.provide('appDatabaseUrl', databaseUrl);
  project.provide('appAuthSecret', authSecret);

  return async () => {
    for (const child of [server, worker]) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
    if (process.env.VIGIL_E2E_LOG) console.log(output);
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}

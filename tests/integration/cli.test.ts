import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { authenticateApiToken } from '@/lib/auth/api-tokens';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { getUserByEmail } from '@/lib/users/get-users';
import { startEmbeddedPostgres } from '@/scripts/embedded/postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runtimeBundle } from '../support/runtime-bundle';
import { removeScratchFolder } from '../../scripts/embedded/postgres-location';

type Run = { code: number | null; stdout: string; stderr: string };

const root = path.resolve(import.meta.dirname, '../..');
let vigilBundle: string;
beforeAll(() => {
  vigilBundle = runtimeBundle('vigil');
});

/** Runs the command line as an administrator would, bounded in time. */
function vigil(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    // What `npm run vigil` runs, without npm's extra process.
    const child = spawn(process.execPath, ['--enable-source-maps', vigilBundle, ...args], {
      cwd: root,
      env: { ...process.env, VIGIL_DEBUG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vigil ${args.join(' ')} did not finish in 60 s\n${stderr}`));
    }, 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function expectNoStackTrace(run: Run): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('vigil command line with DATABASE_URL', () => {
  let test: TestDatabase;
  let db: Db;
  const run = (...args: string[]) => vigil(args, { DATABASE_URL: test.url });
  /** `vigil user create` as a step before the command under test. */
  const createUser = (email: string, name: string, role: string, password?: string) =>
    run(
      'user',
      'create',
      '--email',
      email,
      '--name',
      name,
      '--role',
      role,
      ...(password ? ['--password', password] : []),
    );

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
  });
  afterAll(() => test?.drop());

  it('creates users, with a given or a generated password that signs them in', async () => {
    const given = await run(
      'user',
      'create',
      '--email',
      'Dana@Example.com',
      '--name',
      'Dana Whitfield',
      '--role',
      'Power User',
      '--password',
      'a long enough password',
      '--time-zone',
      'America/Denver',
    );
    expect(given).toMatchObject({ code: 0, stderr: '' });
    expect(given.stdout).toBe(
      'Created Dana Whitfield <dana@example.com>, Power User, time zone America/Denver.\nQueued an invitation email with a link to choose their password (valid 7 days).\n',
    );
    const dana = await getUserByEmail(db, 'dana@example.com');
    expect(dana).toMatchObject({ role: 'power_user', timeZone: 'America/Denver', active: true });
    const invitations = await db.query.outbox.findMany({
      where: (o, { eq }) => eq(o.topic, 'account-invitation'),
    });
    expect(invitations.map((o) => (o.payload as { to: string }).to)).toEqual(['dana@example.com']);

    const generated = await run(
      'user',
      'create',
      '--email',
      'ann@example.com',
      '--name',
      'Ann Admin',
      '--role',
      'admin',
    );
    expect(generated.code).toBe(0);
    const password = /^Password \(shown once, not stored\): (\S+)$/m.exec(generated.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(
      (await signInWithPassword(db, { email: 'ann@example.com', password: password! })).ok,
    ).toBe(true);

    const activity = await db.query.activityLog.findFirst({
      where: (a, { eq }) => eq(a.entityId, dana!.id),
    });
    expect(activity?.actorLabel).toBe('system:cli');
  });

  it('lists users with their role, teams, time zone and whether they are active', async () => {
    await createUser('lee@example.com', 'Lee Reader', 'read_only');
    const list = await run('user', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+TEAMS\s+TIME ZONE\s+ACTIVE$/);
    expect(lines.find((l) => l.startsWith('lee@example.com'))).toMatch(
      /^lee@example\.com\s+Lee Reader\s+Read-only\s+-\s+UTC\s+yes$/,
    );
  });

  it('resets a password, printing the new one; the old one stops working', async () => {
    await createUser('reset@example.com', 'Reset Me', 'user', 'the original password');
    const reset = await run('user', 'reset-password', '--email', 'RESET@example.com');
    expect(reset.code).toBe(0);
    const password =
      /^New password for reset@example\.com \(shown once, not stored\): (\S+)$/m.exec(
        reset.stdout,
      )?.[1];
    expect(password).toBeDefined();
    expect(
      (
        await signInWithPassword(db, {
          email: 'reset@example.com',
          password: 'the original password',
        })
      ).ok,
    ).toBe(false);
    expect(
      (await signInWithPassword(db, { email: 'reset@example.com', password: password! })).ok,
    ).toBe(true);
  });

  it('deactivates and reactivates a user', async () => {
    await createUser('leaver@example.com', 'Leaver', 'user', 'the leaver password');
    const off = await run('user', 'deactivate', '--email', 'leaver@example.com');
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/^Deactivated leaver@example\.com/);
    expect((await getUserByEmail(db, 'leaver@example.com'))?.active).toBe(false);
    expect(
      await signInWithPassword(db, {
        email: 'leaver@example.com',
        password: 'the leaver password',
      }),
    ).toEqual({ ok: false, reason: 'invalid' });

    const on = await run('user', 'reactivate', '--email', 'leaver@example.com');
    expect(on.code).toBe(0);
    expect((await getUserByEmail(db, 'leaver@example.com'))?.active).toBe(true);
  });

  it('prints only the token on stdout for token create, and the token authenticates', async () => {
    await createUser('robot@example.com', 'Robot', 'user');
    const created = await run(
      'token',
      'create',
      '--email',
      'robot@example.com',
      '--name',
      'SIEM export',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^vgl_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/shown once/);
    const actor = await authenticateApiToken(db, created.stdout.trim());
    expect(actor).toMatchObject({ email: 'robot@example.com', role: 'user' });

    const list = await run('token', 'list', '--email', 'robot@example.com');
    const id = /^([0-9a-f-]{36})\s+SIEM export\s+/m.exec(list.stdout)?.[1];
    expect(id).toBeDefined();
    expect(list.stdout).not.toContain(created.stdout.trim());

    const revoked = await run('token', 'revoke', '--id', id!);
    expect(revoked.code).toBe(0);
    expect(await authenticateApiToken(db, created.stdout.trim())).toBeUndefined();
  });

  it('refuses a bad role with exit 1 and a message naming the allowed roles', async () => {
    const bad = await run(
      'user',
      'create',
      '--email',
      'x@example.com',
      '--name',
      'X',
      '--role',
      'superuser',
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    for (const role of ['admin', 'power_user', 'user', 'read_only'])
      expect(bad.stderr).toContain(role);
    expect(await getUserByEmail(db, 'x@example.com')).toBeUndefined();
  });

  it('answers other mistakes with one line, exit 1 for failures and exit 2 for usage', async () => {
    const [
      unknownCommand,
      unknownSub,
      missingOption,
      unknownOption,
      badZone,
      noSuchUser,
      duplicate,
    ] = await Promise.all([
      run('frobnicate'),
      run('user', 'delete', '--email', 'a@example.com'),
      run('user', 'create', '--email', 'y@example.com'),
      run('user', 'list', '--all'),
      run(
        'user',
        'create',
        '--email',
        'z@example.com',
        '--name',
        'Z',
        '--role',
        'user',
        '--time-zone',
        'Mars/Base',
      ),
      run('token', 'create', '--email', 'nobody@example.com', '--name', 'n'),
      run(
        'user',
        'create',
        '--email',
        'DANA@example.com',
        '--name',
        'Dana Again',
        '--role',
        'user',
      ),
    ]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/Unknown command "frobnicate"/);
    expect(unknownSub.code).toBe(2);
    expect(unknownSub.stderr).toMatch(/create, list, reset-password, deactivate, reactivate/);
    expect(missingOption.code).toBe(2);
    expect(missingOption.stderr).toMatch(/--name, --role are required/);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option --all/);
    expect(badZone.code).toBe(1);
    expect(badZone.stderr).toMatch(/^Error: --time-zone: /);
    expect(noSuchUser.code).toBe(1);
    expect(noSuchUser.stderr).toMatch(/No user has the email address nobody@example\.com/);
    expect(noSuchUser.stdout).toBe('');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/--email: A user with this email address already exists/);
    for (const r of [
      unknownCommand,
      unknownSub,
      missingOption,
      unknownOption,
      badZone,
      noSuchUser,
      duplicate,
    ]) {
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expectNoStackTrace(r);
    }
  });

  it('explains each command with --help, touching no database', async () => {
    const [help, commandHelp] = await Promise.all([
      vigil(['--help'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }),
      vigil(['user', 'create', '--help'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/token create/);
    expect(commandHelp.code).toBe(0);
    expect(commandHelp.stdout).toMatch(/--time-zone ZONE/);
  });

  it('reports an unreachable database in one line', async () => {
    const down = await vigil(['user', 'list'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^Error: Cannot reach the database/);
    expectNoStackTrace(down);
  });
});

describe('vigil command line with the embedded PostgreSQL', () => {
  let scratch: string;
  let dataDir: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-test-'));
    dataDir = path.join(scratch, 'data');
  });
  afterAll(() => removeScratchFolder(scratch));

  const embedded = (args: string[], env: Record<string, string> = {}) =>
    vigil(args, { DATABASE_URL: '', VIGIL_DATA_DIR: dataDir, ...env });

  it(
    'creates it with seed, joins it while `npm start` runs it, and starts it when nothing does',
    { timeout: 180_000 },
    async () => {
      const none = await embedded(['user', 'list']);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/There is no Vigil database in/);

      const seeded = await embedded(['seed'], {
        VIGIL_ADMIN_EMAIL: 'boss@example.com',
        VIGIL_ADMIN_PASSWORD: 'boss password 1234',
        VIGIL_DEMO_DATA: 'false',
      });
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toMatch(/^Administrator: boss@example\.com$/m);
      // Stopped after the command, and the folder lock released.
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'launcher.pid'))).toBe(false);

      // As `npm start` would: the server runs, and the command line must use it.
      const server = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres') });
      const db = createDb(server.url, { max: 2 });
      try {
        const created = await embedded([
          'user',
          'create',
          '--email',
          'live@example.com',
          '--name',
          'Live',
          '--role',
          'user',
        ]);
        expect(created.code).toBe(0);
        expect(await getUserByEmail(db, 'live@example.com')).toMatchObject({
          name: 'Live',
          role: 'user',
        });
        const token = await embedded([
          'token',
          'create',
          '--email',
          'boss@example.com',
          '--name',
          'ops',
        ]);
        expect(token.code).toBe(0);
        expect((await authenticateApiToken(db, token.stdout.trim()))?.email).toBe(
          'boss@example.com',
        );
      } finally {
        await db.close();
        await server.stop();
      }

      const list = await embedded(['user', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^boss@example\.com\s+Vigil Administrator\s+Administrator/m);
      expect(list.stdout).toMatch(/^live@example\.com\s+Live\s+User/m);
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    },
  );
});

import { spawn } from 'node:child_process';
import net from 'node:net';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '@/db/schema';
import { findFreePort } from '../../scripts/embedded/free-port';
import { runtimeBundle } from '../support/runtime-bundle';
import { setUpTestDatabase } from '../support/test-database-hooks';
import { waitFor } from '../support/wait-for';

// `npm run start:syslog` as deployments run it: the bundle, configured by the environment,
// storing what it receives and, on SIGTERM, what it still holds before exiting.

const test = setUpTestDatabase();

describe('the syslog receiver process', () => {
  it('receives on VIGIL_SYSLOG_PORT and stores what it holds when told to stop', async () => {
    const port = await findFreePort();
    const child = spawn(process.execPath, [runtimeBundle('start-syslog')], {
      env: {
        ...process.env,
        DATABASE_URL: test.url,
        VIGIL_SYSLOG_PORT: String(port),
        VIGIL_SYSLOG_ZONE: 'Europe/Berlin',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await waitFor('the receiver to listen', () => output.includes('Syslog receiver on'), 30_000);
    expect(output).toContain(
      `127.0.0.1:${port} (TCP and UDP, RFC 5424 and RFC 3164 in Europe/Berlin)`,
    );

    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString();
    for (let i = 0; i < 50; i++) socket.write(`<13>1 ${at} proc-host app - - - line ${i}\n`);
    await waitFor(
      'the first events',
      async () =>
        (await test.db.select().from(events).where(eq(events.hostname, 'proc-host'))).length === 50,
      10_000,
    );
    // Written just before the signal: the receiver must still read and store these.
    for (let i = 50; i < 80; i++) socket.write(`<13>1 ${at} proc-host app - - - line ${i}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    socket.destroy();
    const stored = await test.db.select().from(events).where(eq(events.hostname, 'proc-host'));
    expect(stored).toHaveLength(80);
  });

  it('stops with a message naming a malformed setting', async () => {
    const child = spawn(process.execPath, [runtimeBundle('start-syslog')], {
      env: { ...process.env, DATABASE_URL: test.url, VIGIL_SYSLOG_ZONE: 'Mars/Olympus' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(output).toContain('VIGIL_SYSLOG_ZONE must be an IANA time zone');
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedRedis } from '../../scripts/embedded/redis';

// The embedded Redis once accepted any local process without a password: another user of the
// machine could read the queued jobs (email addresses, links) or add their own. It now has a
// generated password, kept in its folder (readable by this user only) like PostgreSQL's, and
// its URL carries it to every client.

const scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-redis-password-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the server answers a PING sent without the password, over a plain socket. */
function answerWithoutPassword(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(5000, () => reject(new Error('no answer')));
    socket.once('error', reject);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.trim());
      }
    });
  });
}

describe('the embedded Redis password', () => {
  it('is required, kept in the folder for the next start, and carried by the URL', async () => {
    const dir = path.join(scratch, 'redis');
    const first = await startEmbeddedRedis({ dir });
    let password: string;
    try {
      expect(await answerWithoutPassword(first.port)).toMatch(/^-NOAUTH/);
      const file = path.join(dir, 'redis.password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(new URL(first.url).password).toBe(encodeURIComponent(password));
      const client = new Redis(first.url);
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
      // Not on the command line, where any user of the machine could read it (ps).
      const commandLine = readFileSync(`/proc/${first.pid}/cmdline`, 'utf8');
      expect(commandLine).not.toContain(password);
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedRedis({ dir });
    try {
      expect(new URL(second.url).password).toBe(encodeURIComponent(password));
      const client = new Redis(second.url);
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
    } finally {
      await second.stop();
    }
  });
});

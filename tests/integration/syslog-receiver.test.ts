import dgram from 'node:dgram';
import net from 'node:net';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { events } from '@/db/schema';
import { startSyslogReceiver, type SyslogReceiver } from '@/lib/events/syslog/receiver';
import { setUpTestDatabase } from '../support/test-database-hooks';
import { waitFor } from '../support/wait-for';

// The receiver on loopback with a port the system picks, sending as firewalls and rsyslog
// do, and reading what landed in PostgreSQL.

const test = setUpTestDatabase();
const running: SyslogReceiver[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function receiver(options: Partial<Parameters<typeof startSyslogReceiver>[0]> = {}) {
  const started = await startSyslogReceiver({
    db: test.db,
    host: '127.0.0.1',
    port: 0,
    timeZone: 'America/Chicago',
    flushIntervalMs: 50,
    ...options,
  });
  running.push(started);
  return started;
}

function sendTcp(port: number, payload: string | Buffer, keepOpen = false): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(payload, () => {
        if (keepOpen) resolve(socket);
        else socket.end(() => resolve(socket));
      });
    });
    socket.on('error', reject);
  });
}

function sendUdp(port: number, payload: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.send(payload, port, '127.0.0.1', (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    });
  });
}

const rowsFrom = (host: string) =>
  test.db
    .select()
    .from(events)
    .where(eq(events.hostname, host))
    .orderBy(asc(events.occurredAt), asc(events.id));

const octets = (message: string) => `${Buffer.byteLength(message)} ${message}`;
/** A whole second some minutes ago, so events stay inside the retention whenever this runs. */
const ago = (minutes: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - minutes * 60_000);
const iso = (at: Date) => at.toISOString();
/** "Nov 30 08:15:00" in Chicago, as a BSD device there writes it. */
function bsd(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Chicago',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.month} ${parts.day.padStart(2, ' ')} ${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('syslog receiver', () => {
  it('stores octet-counted RFC 5424 messages over TCP with their header and structured data', async () => {
    const { port } = await receiver();
    const at = ago(30);
    // The same instant written with a +01:00 offset and a fraction.
    const local = new Date(at.getTime() + 3_600_000).toISOString().replace('.000Z', '.250+01:00');
    const first = `<86>1 ${local} fw-octet sshd 4242 AUTHFAIL [meta sequenceId="7" note="a \\"quoted\\" \\]"] Failed password for root\nfrom 203.0.113.9`;
    const second = `<14>1 ${iso(ago(20))} fw-octet cron - - - job done`;
    await sendTcp(port, octets(first) + octets(second));
    await waitFor('two events', async () => (await rowsFrom('fw-octet')).length === 2, 10_000);
    const [a, b] = await rowsFrom('fw-octet');
    expect(a).toMatchObject({
      source: 'syslog',
      appName: 'sshd',
      eventId: 'AUTHFAIL',
      message: 'Failed password for root\nfrom 203.0.113.9',
    });
    expect(a.occurredAt.getTime()).toBe(at.getTime() + 250);
    expect(a.fields).toMatchObject({
      'syslog.priority': 86,
      'syslog.facility': 'authpriv',
      'syslog.severity': 'info',
      'syslog.version': 1,
      'syslog.procid': '4242',
      'syslog.peer_ip': '127.0.0.1',
      'syslog.transport': 'tcp',
      'syslog.sd.meta.sequenceId': '7',
      'syslog.sd.meta.note': 'a "quoted" ]',
    });
    // The header moved into the common fields it maps onto.
    expect(a.fields).not.toHaveProperty('syslog.msgid');
    expect(a.fields).not.toHaveProperty('syslog.app_name');
    expect(b).toMatchObject({ appName: 'cron', message: 'job done' });
  });

  it('stores newline-framed lines, and keeps garbage as events with the reason', async () => {
    const { port } = await receiver();
    const [t1, t2] = [ago(50), ago(49)];
    await sendTcp(
      port,
      `<38>${bsd(t1)} fw-lines sshd[77]: Accepted publickey for dana\n` +
        'this line has no priority\r\n' +
        '<999>bad priority\0' +
        `<13>${bsd(t2)} fw-lines kernel: last line without a newline`,
    );
    await waitFor(
      'four events',
      async () => {
        const all = await test.db.select().from(events);
        return all.filter((e) => e.fields['syslog.peer_ip'] === '127.0.0.1').length >= 4;
      },
      10_000,
    );
    const good = await rowsFrom('fw-lines');
    // Read as wall times in the receiver's zone (Chicago), in the year that is not ahead.
    expect(good.map((e) => [e.appName, e.message, e.occurredAt.toISOString()])).toEqual([
      ['sshd', 'Accepted publickey for dana', iso(t1)],
      ['kernel', 'last line without a newline', iso(t2)],
    ]);
    const garbage = await test.db.select().from(events).where(eq(events.hostname, '127.0.0.1'));
    expect(garbage.map((e) => [e.message, e.fields['syslog.parse_error']]).sort()).toEqual([
      ['<999>bad priority', expect.stringMatching(/not a priority/)],
      ['this line has no priority', expect.stringMatching(/does not start with a priority/)],
    ]);
  });

  it('stores one message per UDP datagram', async () => {
    const { port } = await receiver();
    const older = ago(90);
    await sendUdp(port, `<134>1 ${iso(ago(10))} fw-udp filterlog 12 - - block in on igb0\n`);
    await sendUdp(port, `<134>${bsd(older)} fw-udp filterlog[12]: pass out on igb1`);
    await waitFor('two events', async () => (await rowsFrom('fw-udp')).length === 2, 10_000);
    const rows = await rowsFrom('fw-udp');
    expect(rows.map((e) => e.message)).toEqual(['pass out on igb1', 'block in on igb0']);
    expect(rows[0].fields).toMatchObject({
      'syslog.transport': 'udp',
      'syslog.format': 'rfc3164',
      'syslog.facility': 'local0',
      'syslog.severity': 'info',
      'syslog.timestamp': bsd(older).trim(),
    });
  });

  it('records an oversize frame as an event and goes on reading the connection', async () => {
    const { port } = await receiver({ maxMessageBytes: 1024 });
    const huge = `<13>1 ${iso(ago(5))} fw-big app - - - ${'A'.repeat(5000)}`;
    const after = `<13>1 ${iso(ago(4))} fw-big app - - - after the big one`;
    await sendTcp(port, octets(huge) + octets(after));
    await waitFor('two events', async () => (await rowsFrom('fw-big')).length === 2, 10_000);
    const [big, next] = await rowsFrom('fw-big');
    expect(big.fields['syslog.parse_error']).toBe(
      `The message of ${Buffer.byteLength(huge)} bytes is longer than the 1024-byte limit.`,
    );
    expect(big.message).toBe(huge.slice(0, 2048));
    expect(big.appName).toBe('app');
    expect(next.message).toBe('after the big one');

    await sendUdp(port, `<13>1 ${iso(ago(3))} fw-big-udp app - - - ${'B'.repeat(3000)}`);
    await waitFor('the datagram', async () => (await rowsFrom('fw-big-udp')).length === 1, 10_000);
    const [datagram] = await rowsFrom('fw-big-udp');
    expect(datagram.fields['syslog.parse_error']).toMatch(
      /bytes is longer than the 1024-byte limit/,
    );
    expect(datagram.fields['syslog.transport']).toBe('udp');
  });

  it('keeps a message whose clock is years behind, dated on arrival with the reason', async () => {
    const { port } = await receiver();
    const before = Date.now();
    await sendUdp(port, '<13>1 2003-10-11T22:14:15Z fw-old app - - - from a device never set up');
    await waitFor('the event', async () => (await rowsFrom('fw-old')).length === 1, 10_000);
    const [row] = await rowsFrom('fw-old');
    expect(row.message).toBe('from a device never set up');
    expect(row.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.fields['syslog.timestamp']).toBe('2003-10-11T22:14:15Z');
    expect(row.fields['syslog.parse_error']).toMatch(/older than the 90 days events are kept/);
  });

  it('stores everything received when it stops, before its next flush was due', async () => {
    const r = await receiver({ flushIntervalMs: 60_000, batchSize: 10_000 });
    const lines = Array.from(
      { length: 300 },
      (_, i) => `<13>1 ${iso(ago(3))} fw-stop app - - - line ${i}\n`,
    ).join('');
    const socket = await sendTcp(r.port, lines, true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await rowsFrom('fw-stop')).toHaveLength(0);
    await r.stop();
    socket.destroy();
    expect(await rowsFrom('fw-stop')).toHaveLength(300);
  });

  it('keeps the last unterminated line of a sender that never closes its side', async () => {
    const r = await receiver();
    const socket = net.connect({ port: r.port, host: '127.0.0.1', allowHalfOpen: true });
    await new Promise((resolve) => socket.once('connect', resolve));
    await new Promise((resolve) =>
      socket.write(`<13>1 ${iso(ago(1))} fw-half app - - - last words`, resolve),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await r.stop();
    socket.destroy();
    expect((await rowsFrom('fw-half')).map((e) => e.message)).toEqual(['last words']);
  });

  it('pauses TCP senders while the store is behind and loses nothing', async () => {
    const batches: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = await receiver({
      batchSize: 50,
      highWater: 100,
      ingest: async (batch) => {
        batches.push(batch.length);
        await gate;
      },
    });
    const socket = net.connect(r.port, '127.0.0.1');
    let written = 0;
    const line = `<13>1 ${iso(ago(2))} fw-slow app - - - ${'x'.repeat(900)}\n`;
    // Writes until the socket's buffers fill: the receiver stopped reading.
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (written < 20_000) {
          written++;
          if (!socket.write(line)) {
            socket.once('drain', pump);
            setTimeout(resolve, 500);
            return;
          }
        }
        resolve();
      };
      socket.once('connect', pump);
    });
    expect(written).toBeLessThan(20_000);
    release();
    await new Promise<void>((resolve) => socket.end(resolve));
    await r.stop();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(written);
  });
});

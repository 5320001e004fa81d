import dgram from 'node:dgram';
import net from 'node:net';
import type { Db } from '@/db/client';
import { log } from '@/lib/log';
import { SyslogBatcher } from './batcher';
import { decodeSyslogBytes } from './decode';
import { SyslogFramer } from './framing';
import type { SyslogMessage } from './message';
import { parseSyslog } from './parse';
import { storeSyslogBatch } from './store-batch';
import { syslogRawEvent, type SyslogPeer } from './to-raw';

// The syslog receiver (README, "Syslog receiver"): TCP and UDP on one port, so a firewall
// or appliance can send straight to Vigil. Each message becomes an event through
// ingestEvents, like every other way in; a message that cannot be read, or is too long, is
// still stored, with `syslog.parse_error` saying why.

export type SyslogReceiverOptions = {
  db: Db;
  host: string;
  /** 0 lets the system choose (tests); TCP and UDP then share the port it chose. */
  port: number;
  /** Zone of RFC 3164 timestamps, which carry none. */
  timeZone: string;
  maxMessageBytes?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  /** Queued events above which TCP senders are paused. */
  highWater?: number;
  /** Replaces ingestEvents (tests of backpressure). */
  ingest?: (batch: Record<string, unknown>[]) => Promise<unknown>;
  now?: () => Date;
};

export type SyslogReceiver = {
  host: string;
  port: number;
  /** Stops accepting, reads what connected senders already sent, stores every queued event. */
  stop(): Promise<void>;
};

export const SYSLOG_DEFAULTS = {
  maxMessageBytes: 64 * 1024,
  batchSize: 500,
  maxBatch: 5000,
  flushIntervalMs: 250,
  highWater: 10_000,
};

export async function startSyslogReceiver(options: SyslogReceiverOptions): Promise<SyslogReceiver> {
  const maxMessageBytes = options.maxMessageBytes ?? SYSLOG_DEFAULTS.maxMessageBytes;
  const now = options.now ?? (() => new Date());
  const sockets = new Set<net.Socket>();
  const senders = { paused: false, warnedAt: -Infinity };
  const batcher = new SyslogBatcher({
    ingest: options.ingest ?? ((batch) => storeSyslogBatch(options.db, batch, now)),
    batchSize: options.batchSize ?? SYSLOG_DEFAULTS.batchSize,
    maxBatch: Math.max(options.batchSize ?? 0, SYSLOG_DEFAULTS.maxBatch),
    flushIntervalMs: options.flushIntervalMs ?? SYSLOG_DEFAULTS.flushIntervalMs,
    highWater: options.highWater ?? SYSLOG_DEFAULTS.highWater,
    maxQueued: (options.highWater ?? SYSLOG_DEFAULTS.highWater) * 5,
    onPressure: (paused) => {
      senders.paused = paused;
      // Under sustained load this toggles often: one warning a minute says it is happening.
      const quiet = Date.now() - senders.warnedAt < 60_000;
      if (paused && !quiet) senders.warnedAt = Date.now();
      log(
        paused && !quiet ? 'warn' : 'debug',
        `syslog: ${paused ? 'pausing' : 'resuming'} TCP senders`,
        {
          queued: batcher.queued,
        },
      );
      for (const socket of sockets) {
        if (paused) socket.pause();
        else socket.resume();
      }
    },
  });

  const accept = (message: SyslogMessage & { encodingFallback?: boolean }, peer: SyslogPeer) =>
    batcher.add(syslogRawEvent(message, peer, now()), peer.transport);
  const parse = (bytes: Uint8Array) =>
    parseSyslog(bytes, { timeZone: options.timeZone, now: now() });
  // What header the kept start of the frame has is still worth having (host, app, time).
  const rejectedFrame = (prefix: Buffer, reason: string, peer: SyslogPeer) => {
    const start = parse(prefix);
    accept({ ...start, message: decodeSyslogBytes(prefix).text, parseError: reason }, peer);
  };

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    if (senders.paused) socket.pause();
    const peer: SyslogPeer = { ip: peerIp(socket.remoteAddress), transport: 'tcp' };
    const framer = new SyslogFramer(maxMessageBytes, {
      onFrame: (bytes) => accept(parse(bytes), peer),
      onBadFrame: (prefix, reason) => rejectedFrame(prefix, reason, peer),
    });
    socket.on('data', (chunk) => framer.push(chunk));
    socket.on('end', () => framer.end());
    socket.on('error', (error) =>
      log('warn', 'syslog: connection error', { error, peer: peer.ip }),
    );
    // Also after a reset or our own destroy at stop, when no 'end' came: keep the last message.
    socket.on('close', () => {
      framer.end();
      sockets.delete(socket);
    });
  });

  const { udp, port } = await listenBoth(tcp, options.host, options.port);
  udp.on('message', (datagram, info) => {
    const peer: SyslogPeer = { ip: peerIp(info.address), transport: 'udp' };
    if (datagram.length > maxMessageBytes)
      rejectedFrame(
        datagram.subarray(0, 2048),
        `The message of ${datagram.length} bytes is longer than the ${maxMessageBytes}-byte limit.`,
        peer,
      );
    else accept(parse(trimDelimiters(datagram)), peer);
  });
  udp.on('error', (error) => log('error', 'syslog: UDP error', { error }));
  log('info', 'syslog receiver listening', { host: options.host, port, tcp: true, udp: true });

  let stopping: Promise<void> | null = null;
  return {
    host: options.host,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          try {
            udp.close(() => resolve());
          } catch {
            resolve(); // already closed after an error
          }
        });
        const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
        // Senders get a moment to finish what they are writing; then their sockets are ended.
        for (const socket of sockets) socket.resume();
        await new Promise((r) => setTimeout(r, 50));
        // Each socket's own 'close' (which reads its last message), not the server's: the
        // server reports closed before the last socket's handlers have run.
        const socketsClosed = [...sockets].map(
          (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())),
        );
        for (const socket of sockets) socket.end();
        const forced = setTimeout(() => sockets.forEach((s) => s.destroy()), 2000);
        await Promise.all(socketsClosed);
        await closed;
        clearTimeout(forced);
        await batcher.drain();
        log('info', 'syslog receiver stopped', { port });
      })()),
  };
}

/** TCP first (port 0 picks a free one), then UDP on the same number; retried if UDP's is taken. */
async function listenBoth(
  tcp: net.Server,
  host: string,
  port: number,
): Promise<{ udp: dgram.Socket; port: number }> {
  for (let attempt = 0; ; attempt++) {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(port, host, () => {
        tcp.off('error', reject);
        resolve();
      });
    });
    const chosen = (tcp.address() as net.AddressInfo).port;
    const udp = dgram.createSocket({ type: net.isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: false });
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(chosen, host, () => {
          udp.off('error', reject);
          resolve();
        });
      });
      return { udp, port: chosen };
    } catch (error) {
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      if (port !== 0 || attempt >= 5) throw error;
    }
  }
}

function peerIp(address: string | undefined): string | null {
  if (!address) return null;
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function trimDelimiters(datagram: Buffer): Buffer {
  let end = datagram.length;
  while (
    end > 0 &&
    (datagram[end - 1] === 0x0a || datagram[end - 1] === 0x00 || datagram[end - 1] === 0x0d)
  )
    end--;
  return datagram.subarray(0, end);
}

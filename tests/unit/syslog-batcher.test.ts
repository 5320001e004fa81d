import { describe, expect, it } from 'vitest';
import { SyslogBatcher } from '@/lib/events/syslog/batcher';

function batcher(ingest: (batch: Record<string, unknown>[]) => Promise<unknown>) {
  const pressure: boolean[] = [];
  const b = new SyslogBatcher({
    ingest,
    batchSize: 10,
    maxBatch: 100,
    flushIntervalMs: 10,
    highWater: 20,
    maxQueued: 30,
    onPressure: (paused) => pressure.push(paused),
  });
  return { b, pressure };
}

describe('syslog batching', () => {
  it('counts UDP messages it had no room for and stores the count as an event', async () => {
    const stored: Record<string, unknown>[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { b, pressure } = batcher(async (batch) => {
      await gate;
      stored.push(...batch);
    });
    for (let i = 0; i < 45; i++) b.add({ message: `udp ${i}` }, 'udp');
    expect(pressure).toEqual([true]);
    release();
    await b.drain();
    const messages = stored.map((e) => e.message);
    expect(messages.filter((m) => String(m).startsWith('udp '))).toHaveLength(30);
    const dropped = stored.find((e) => e['syslog.dropped'] !== undefined);
    expect(dropped).toMatchObject({
      'syslog.dropped': 15,
      message: expect.stringContaining('dropped 15 UDP messages'),
    });
    expect(pressure).toEqual([true, false]);
  });

  it('keeps TCP messages past the limit (their senders are paused instead)', async () => {
    const stored: unknown[] = [];
    const { b } = batcher(async (batch) => void stored.push(...batch));
    for (let i = 0; i < 45; i++) b.add({ message: `tcp ${i}` }, 'tcp');
    await b.drain();
    expect(stored).toHaveLength(45);
  });

  it('retries a batch the store refused, in order, losing nothing', async () => {
    const stored: unknown[] = [];
    let failures = 1;
    const { b } = batcher(async (batch) => {
      if (failures-- > 0) throw new Error('connection refused');
      stored.push(...batch.map((e) => e.message));
    });
    for (let i = 0; i < 5; i++) b.add({ message: i }, 'tcp');
    await b.drain();
    expect(stored).toEqual([0, 1, 2, 3, 4]);
  });
});

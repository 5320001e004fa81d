import { log } from '@/lib/log';

// Collects raw events and hands them to ingest in batches: when `batchSize` are waiting or
// `flushIntervalMs` after the first one arrived. One flush runs at a time, and takes up to
// `maxBatch` of what queued meanwhile: under load batches grow, and a store writes larger
// batches much faster (500 → 5,000 events per ingest call about doubles the rate). When the store
// is slow the queue grows; past `highWater` the receiver pauses its TCP sockets (the
// senders' kernels buffer and then block, which is TCP's own backpressure) until the queue
// is back under half of it. UDP cannot be paused: past `maxQueued` its messages are counted,
// not kept, and the count becomes an event of its own, so the loss is visible in the data.

export type BatcherOptions = {
  ingest: (batch: Record<string, unknown>[]) => Promise<unknown>;
  batchSize: number;
  maxBatch: number;
  flushIntervalMs: number;
  highWater: number;
  maxQueued: number;
  onPressure: (paused: boolean) => void;
};

const RETRY_MS = [250, 500, 1000, 2000, 5000];

export class SyslogBatcher {
  private queue: Record<string, unknown>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private paused = false;
  private droppedUdp = 0;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: BatcherOptions) {}

  get queued(): number {
    return this.queue.length;
  }

  add(raw: Record<string, unknown>, transport: 'tcp' | 'udp'): void {
    if (transport === 'udp' && this.queue.length >= this.options.maxQueued) {
      this.droppedUdp++;
      return;
    }
    this.queue.push(raw);
    if (!this.paused && this.queue.length >= this.options.highWater) {
      this.paused = true;
      this.options.onPressure(true);
    }
    if (this.queue.length >= this.options.batchSize) this.kick(0);
    else this.kick(this.options.flushIntervalMs);
  }

  /** Flushes everything queued (retrying on failure) and resolves when the queue is empty. */
  async drain(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.flushing || this.queue.length || this.droppedUdp) {
      if (this.flushing) await this.flushing;
      else await this.runFlush(true);
    }
  }

  private kick(delayMs: number): void {
    if (this.flushing) return; // the running flush looks at the queue again when it ends
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runFlush(false);
    }, delayMs);
  }

  private runFlush(draining: boolean): Promise<void> {
    const run = (async () => {
      if (this.droppedUdp) {
        this.queue.push(droppedEvent(this.droppedUdp));
        this.droppedUdp = 0;
      }
      const batch = this.queue.slice(0, this.options.maxBatch);
      try {
        await this.options.ingest(batch);
        this.queue.splice(0, batch.length);
        this.failures = 0;
      } catch (error) {
        // Kept at the head of the queue and tried again: the store coming back loses nothing.
        this.failures++;
        log('error', 'syslog: could not store a batch of events; retrying', {
          error,
          batch: batch.length,
          queued: this.queue.length,
        });
        await new Promise((r) =>
          setTimeout(r, RETRY_MS[Math.min(this.failures, RETRY_MS.length) - 1]),
        );
      }
      if (this.paused && this.queue.length < this.options.highWater / 2) {
        this.paused = false;
        this.options.onPressure(false);
      }
    })();
    this.flushing = run.finally(() => {
      this.flushing = null;
      if (!draining && !this.closed && this.queue.length)
        this.kick(this.queue.length >= this.options.batchSize ? 0 : this.options.flushIntervalMs);
    });
    return this.flushing;
  }
}

function droppedEvent(count: number): Record<string, unknown> {
  return {
    '@timestamp': new Date().toISOString(),
    message: `The syslog receiver dropped ${count} UDP message${count === 1 ? '' : 's'} because the event store could not keep up.`,
    app_name: 'vigil-syslog',
    category: 'receiver',
    'syslog.dropped': count,
    'syslog.parse_error': 'dropped: the receive queue was full',
  };
}

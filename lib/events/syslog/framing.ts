// Splitting a TCP stream into syslog messages (RFC 6587). Two framings exist and senders do
// not announce theirs, so each connection is read by its first byte: a digit means octet
// counting ("LEN SP MSG", rsyslog's and syslog-ng's RFC 5424 default), anything else means
// non-transparent framing, where LF (or NUL, from older appliances) ends each message.
// Memory stays bounded: a frame longer than `maxBytes` is not kept but reported with its
// start and size, and the connection carries on with the next frame.

const LF = 0x0a;
const NUL = 0x00;
const CR = 0x0d;
const SP = 0x20;
/** How much of an oversize or broken frame is kept to show on its event. */
export const KEPT_PREFIX_BYTES = 2048;

export type FramerHandlers = {
  onFrame(bytes: Buffer): void;
  /** A frame that cannot become a message as sent: its start, and why. */
  onBadFrame(prefix: Buffer, reason: string): void;
};

export class SyslogFramer {
  private mode: 'unknown' | 'octet' | 'newline' = 'unknown';
  private buffer: Buffer = Buffer.alloc(0);
  /** Bytes of an oversize frame still to skip (octet counting) or -1 to skip to a delimiter. */
  private skipping: { remaining: number; size: number; prefix: Buffer } | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly handlers: FramerHandlers,
  ) {}

  get framing(): 'unknown' | 'octet-counting' | 'non-transparent' {
    return this.mode === 'octet'
      ? 'octet-counting'
      : this.mode === 'newline'
        ? 'non-transparent'
        : 'unknown';
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.skipping) {
        if (!this.skip()) return;
        continue;
      }
      this.dropSeparators();
      if (!this.buffer.length) return;
      if (this.mode === 'unknown') this.mode = isDigit(this.buffer[0]) ? 'octet' : 'newline';
      const progressed =
        this.mode === 'octet' && isDigit(this.buffer[0]) ? this.octetFrame() : this.lineFrame();
      if (!progressed) return;
    }
  }

  /** The connection ended: what is left is the last message (or a cut-off frame). */
  end(): void {
    if (this.skipping) {
      const { size, prefix, remaining } = this.skipping;
      this.handlers.onBadFrame(
        prefix,
        remaining < 0
          ? `The message of at least ${size} bytes is longer than the ${this.maxBytes}-byte limit.`
          : `The connection closed ${remaining} bytes before the end of a ${size}-byte frame.`,
      );
    } else if (this.buffer.length) {
      if (this.mode === 'octet' && isDigit(this.buffer[0])) {
        this.handlers.onBadFrame(
          this.buffer.subarray(0, KEPT_PREFIX_BYTES),
          'The connection closed in the middle of an octet-counted frame.',
        );
      } else {
        this.handlers.onFrame(trimCr(this.buffer));
      }
    }
    this.buffer = Buffer.alloc(0);
    this.skipping = null;
  }

  /** Between frames: the LF some senders add after octet-counted frames, empty lines, NULs. */
  private dropSeparators(): void {
    let i = 0;
    while (i < this.buffer.length && isSeparator(this.buffer[i])) i++;
    if (i) this.buffer = this.buffer.subarray(i);
  }

  private octetFrame(): boolean {
    let i = 0;
    while (i < this.buffer.length && i <= 10 && isDigit(this.buffer[i])) i++;
    if (i === this.buffer.length && i <= 10) return false; // the length is still arriving
    if (this.buffer[i] !== SP || i > 10 || this.buffer[0] === 0x30) {
      // Not "LEN SP": read this one as a line, so a stray line cannot wedge the connection.
      return this.lineFrame();
    }
    const length = Number(this.buffer.subarray(0, i).toString('latin1'));
    const start = i + 1;
    if (length > this.maxBytes) {
      const available = Math.min(this.buffer.length - start, length);
      this.skipping = {
        remaining: length - available,
        size: length,
        prefix: Buffer.from(
          this.buffer.subarray(start, start + Math.min(available, KEPT_PREFIX_BYTES)),
        ),
      };
      this.buffer = this.buffer.subarray(start + available);
      return true;
    }
    if (this.buffer.length < start + length) return false;
    this.handlers.onFrame(this.buffer.subarray(start, start + length));
    this.buffer = this.buffer.subarray(start + length);
    return true;
  }

  private lineFrame(): boolean {
    const end = findDelimiter(this.buffer, Math.min(this.buffer.length, this.maxBytes + 2));
    if (end === -1) {
      if (this.buffer.length <= this.maxBytes + 1) return false;
      this.skipping = {
        remaining: -1,
        size: this.buffer.length,
        prefix: Buffer.from(this.buffer.subarray(0, KEPT_PREFIX_BYTES)),
      };
      this.buffer = Buffer.alloc(0);
      return true;
    }
    const frame = trimCr(this.buffer.subarray(0, end));
    this.buffer = this.buffer.subarray(end + 1);
    if (frame.length > this.maxBytes)
      this.handlers.onBadFrame(
        frame.subarray(0, KEPT_PREFIX_BYTES),
        `The message of ${frame.length} bytes is longer than the ${this.maxBytes}-byte limit.`,
      );
    else this.handlers.onFrame(frame);
    return true;
  }

  /** Discards an oversize frame; true once it is behind us. */
  private skip(): boolean {
    const s = this.skipping!;
    if (s.remaining >= 0) {
      const taken = Math.min(s.remaining, this.buffer.length);
      s.remaining -= taken;
      this.buffer = this.buffer.subarray(taken);
      if (s.remaining > 0) return false;
      this.handlers.onBadFrame(
        s.prefix,
        `The message of ${s.size} bytes is longer than the ${this.maxBytes}-byte limit.`,
      );
    } else {
      const end = findDelimiter(this.buffer, this.buffer.length);
      if (end === -1) {
        s.size += this.buffer.length;
        this.buffer = Buffer.alloc(0);
        return false;
      }
      s.size += end;
      this.buffer = this.buffer.subarray(end + 1);
      this.handlers.onBadFrame(
        s.prefix,
        `The message of ${s.size} bytes is longer than the ${this.maxBytes}-byte limit.`,
      );
    }
    this.skipping = null;
    return true;
  }
}

function findDelimiter(buffer: Buffer, limit: number): number {
  for (let i = 0; i < limit; i++) if (buffer[i] === LF || buffer[i] === NUL) return i;
  return -1;
}

function trimCr(frame: Buffer): Buffer {
  return frame.length && frame[frame.length - 1] === CR ? frame.subarray(0, -1) : frame;
}

const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
const isSeparator = (byte: number) => byte === LF || byte === CR || byte === NUL || byte === SP;

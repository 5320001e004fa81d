import { closeSync, openSync, readSync, renameSync, statSync } from 'node:fs';

// A server we start writes its output straight into a file in its data folder, so the
// log survives us and needs no pipe kept open. When the server fails to start, the
// lines it wrote since we launched it are the explanation, so errors quote them.

const ROTATE_AT_BYTES = 10 * 1024 * 1024;

export type ServiceLog = {
  path: string;
  /** Descriptor to hand to the child as stdout/stderr. */
  fd: number;
  /** The last `lines` lines written since the log was opened. */
  tail(lines?: number): string;
  close(): void;
};

export function openServiceLog(path: string): ServiceLog {
  // One previous generation is kept; a log is not user data, but it is evidence.
  const size = fileSize(path);
  if (size > ROTATE_AT_BYTES) renameSync(path, `${path}.1`);
  const start = size > ROTATE_AT_BYTES ? 0 : size;
  const fd = openSync(path, 'a', 0o600);
  let closed = false;
  return {
    path,
    fd,
    tail(lines = 20) {
      const end = fileSize(path);
      const length = Math.min(end - start, 64 * 1024);
      if (length <= 0) return '';
      const buffer = Buffer.alloc(length);
      const reader = openSync(path, 'r');
      try {
        readSync(reader, buffer, 0, length, end - length);
      } finally {
        closeSync(reader);
      }
      return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/** Indents a log excerpt under an error message, or says there was none. */
export function quoteLog(log: ServiceLog, lines = 20): string {
  const tail = log.tail(lines);
  return tail
    ? `\nLast lines of ${log.path}:\n${tail.replace(/^/gm, '  | ')}`
    : `\n(${log.path} has nothing from this start.)`;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

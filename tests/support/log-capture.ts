import { setLogDestination } from '@/lib/log';

export type LogLine = Record<string, unknown> & { level: string; message: string };

/** Collects this process's log lines (parsed) until `stop()`; the raw text is kept too. */
export function captureLogs() {
  const lines: LogLine[] = [];
  let raw = '';
  const stop = setLogDestination({
    write(chunk: string) {
      raw += chunk;
      for (const line of chunk.split('\n')) if (line) lines.push(JSON.parse(line) as LogLine);
    },
  });
  return {
    lines,
    raw: () => raw,
    stop,
  };
}

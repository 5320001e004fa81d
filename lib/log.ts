// One JSON line per event: readable in a terminal, parseable by any log shipper.
type Level = 'debug' | 'info' | 'warn' | 'error';

export function log(level: Level, message: string, extra: Record<string, unknown> = {}): void {
  if (level === 'debug' && !process.env.VIGIL_DEBUG) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...serialize(extra) });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

function serialize(extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}

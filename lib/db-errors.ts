// Whether an error means "the database could not be reached" (down, restarting, failing
// over, out of connections) rather than "this statement is wrong". The first only delays
// work; counting it as a failure of the work would punish a schedule for an outage.

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

// SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P (shutdown, cannot
// connect now), and 25006 (read-only: a replica not yet promoted after a failover).
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)|^25006$/;

/** The error and its causes, outermost first: drizzle wraps the driver's error. */
function* causes(error: unknown): Generator<{ code?: unknown; routine?: unknown }> {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  )
    yield e as { code?: unknown; routine?: unknown };
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code } of causes(error))
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)))
      return true;
  return false;
}

/** The message of the innermost cause: drizzle wraps the driver's error in "Failed query: …". */
export function rootMessage(error: unknown): string {
  let innermost: unknown = error;
  for (const e of causes(error)) innermost = e;
  return innermost instanceof Error ? innermost.message : String(innermost);
}

/** PostgreSQL refused a value as a uuid ("invalid input syntax for type uuid"). */
export function isMalformedUuid(error: unknown): boolean {
  for (const { code, routine } of causes(error))
    if (code === '22P02' && routine === 'string_to_uuid') return true;
  return false;
}

/**
 * PostgreSQL refused a text value for holding a NUL (U+0000): 22021, "invalid byte sequence for
 * encoding UTF8: 0x00". Fields are checked for NUL before any query (lib/validation.ts); this is
 * what an id or other value passed through unchecked meets.
 */
export function holdsNulCharacter(error: unknown): boolean {
  for (const { code } of causes(error)) if (code === '22021') return true;
  return false;
}

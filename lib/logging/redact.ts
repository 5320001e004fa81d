// What must never reach a log line, whatever the depth it is found at: credentials (by the
// name of the field that holds them, and inside URLs), and the values bound to SQL
// statements. postgres.js errors carry the statement's `parameters` (and `args`); drizzle
// wraps them in an error whose message ends with "params: …" — a NUL byte in a title once
// put a whole incident into the log that way.

export const REDACTED = '[redacted]';
const MAX_DEPTH = 8;
const MAX_CAUSES = 5;

// Matched against the field name lower-cased with "-" and "_" removed, so AUTH_SECRET,
// authSecret, x-api-key and Set-Cookie are all caught.
const SECRET_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
  'smtpurl',
];
const VALUE_FIELDS = new Set(['parameters', 'params', 'args', 'values']);
// Error fields that quote row values: "Key (email)=(a@b.example) already exists."
const ERROR_VALUE_FIELDS = new Set(['detail']);
// Kept on errors (besides name, message, stack, cause): what tells what went wrong.
const ERROR_FIELDS = [
  'code',
  'severity',
  'status',
  'routine',
  'constraint_name',
  'table_name',
  'column_name',
  'schema_name',
  'where',
  'position',
  'query',
  'errno',
  'syscall',
  'hostname',
  'port',
  'fieldErrors',
  'detail',
  'parameters',
  'params',
  'args',
];

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, '');
  return VALUE_FIELDS.has(k) || SECRET_PARTS.some((part) => k.includes(part));
}

/** Credentials inside URLs (SMTP_URL, DATABASE_URL, REDIS_URL) and bearer tokens. */
export function scrubText(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]*):([^\s/@]*)@/gi, `$1$2:${REDACTED}@`)
    .replace(/\b(Bearer|Basic)\s+[\w~+/.=-]+/gi, `$1 ${REDACTED}`);
}

/** The statement text stays (it uses $1 placeholders); any literal written into it goes. */
export function scrubQuery(query: string): string {
  return scrubText(query).replace(/'(?:[^']|'')*'/g, `'${REDACTED}'`);
}

// drizzle: "Failed query: <sql>\nparams: <values>" — keep the statement, drop the values.
export function scrubErrorMessage(message: string): string {
  const cut = message.search(/\nparams: /);
  return scrubQuery(cut === -1 ? message : `${message.slice(0, cut)}\nparams: ${REDACTED}`);
}

/** A copy of `value` safe to log: secrets replaced, errors turned into plain objects with their causes. */
export function redact(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return serializeError(value, depth, seen, 0);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof URL) return scrubText(value.href);
    if (value instanceof Headers) return walk(Object.fromEntries(value), depth, seen);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] = isSecretKey(key) ? REDACTED : walk(item, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

/** An error with its `cause` chain and an AggregateError's `errors`, bounded in depth. */
function serializeError(
  error: Error,
  depth: number,
  seen: WeakSet<object>,
  causes: number,
): Record<string, unknown> {
  const source = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: error.constructor?.name ?? 'Error',
    name: error.name,
    message: scrubErrorMessage(error.message),
  };
  if (error.stack) out.stack = scrubErrorMessage(error.stack);
  for (const field of ERROR_FIELDS) {
    if (source[field] === undefined) continue;
    if (isSecretKey(field) || ERROR_VALUE_FIELDS.has(field)) out[field] = REDACTED;
    else if (field === 'query' && typeof source[field] === 'string')
      out[field] = scrubQuery(source[field]);
    else out[field] = walk(source[field], depth + 1, seen);
  }
  const next = (item: unknown) =>
    item instanceof Error && !seen.has(item) ? nested(item) : walk(item, depth + 1, seen);
  const nested = (item: Error) => {
    if (causes >= MAX_CAUSES) return { name: item.name, message: '[more causes left out]' };
    seen.add(item);
    try {
      return serializeError(item, depth + 1, seen, causes + 1);
    } finally {
      seen.delete(item);
    }
  };
  if (error.cause !== undefined) out.cause = next(error.cause);
  if (error instanceof AggregateError) out.errors = error.errors.slice(0, 20).map(next);
  return out;
}

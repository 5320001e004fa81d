import { COMMON_FIELDS, type CommonField } from './fields';
import { EVENT_LIMITS, unstorableText, utf8Bytes } from './normalize/bounds';
import { FIELD_SOURCES } from './normalize/field-mapping';
import { parseEventTimestamp, TIMESTAMP_KEYS } from './normalize/timestamp';
import type { EventSource, NormalizedEvent } from './types';

// Turning whatever a shipper sent into a NormalizedEvent: flattened to dotted names, the
// timestamp read, the common fields filled from their own names or the Elastic Common
// Schema, Winlogbeat and syslog ones (normalize/field-mapping.ts), everything else kept.
// Anything PostgreSQL could not store is refused here, with the reason, so one bad event
// can never fail the batch it came in.

export { EVENT_LIMITS } from './normalize/bounds';
export { FIELD_ALIASES, FIELD_SOURCES } from './normalize/field-mapping';

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; reason: string };

export type NormalizeOptions = {
  now?: Date;
  /** Events before this are refused: retention would remove them at once. */
  oldest?: Date;
  oldestReason?: string;
};

class Refused extends Error {}

type Scalar = string | number | boolean | null;

/** Nested objects become dotted keys; arrays and scalars are kept as they are. */
export function flattenFields(
  value: Record<string, unknown>,
  prefix = '',
  into: Record<string, unknown> = {},
  depth = 0,
) {
  if (depth > EVENT_LIMITS.maxDepth)
    throw new Refused(`Fields are nested deeper than ${EVENT_LIMITS.maxDepth} levels.`);
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (inner instanceof Date) setField(into, name, inner.toISOString());
    else if (inner && typeof inner === 'object' && !Array.isArray(inner))
      flattenFields(inner as Record<string, unknown>, name, into, depth + 1);
    else if (inner !== undefined) setField(into, name, inner);
  }
  return into;
}

function setField(into: Record<string, unknown>, name: string, value: unknown) {
  if (Object.hasOwn(into, name)) throw new Refused(`Field "${name}" is given twice.`);
  into[name] = value;
}

function checkName(name: string) {
  if (!name || name.startsWith('.') || name.endsWith('.') || name.includes('..'))
    throw new Refused(`Field name "${name}" has an empty part.`);
  if (name.length > EVENT_LIMITS.maxKeyLength)
    throw new Refused(
      `Field name "${name.slice(0, 40)}…" is longer than ${EVENT_LIMITS.maxKeyLength} characters.`,
    );
  const bad = unstorableText(name);
  if (bad) throw new Refused(`A field name ${bad}.`);
}

/** Checks a value can be stored as JSON as it is, and returns its size in bytes. */
function checkValue(name: string, value: unknown, depth = 0): number {
  if (value === null || typeof value === 'boolean') return 5;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Refused(`Field "${name}" is not a finite number.`);
    return 24;
  }
  if (typeof value === 'string') {
    const bad = unstorableText(value);
    if (bad) throw new Refused(`Field "${name}" ${bad}.`);
    return utf8Bytes(value);
  }
  if (typeof value === 'bigint') return String(value).length;
  if (depth > EVENT_LIMITS.maxDepth)
    throw new Refused(`Field "${name}" is nested deeper than ${EVENT_LIMITS.maxDepth} levels.`);
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + 1 + checkValue(name, item, depth + 1), 2);
  if (typeof value === 'object') {
    let size = 2;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const bad = unstorableText(key);
      if (bad) throw new Refused(`A key inside "${name}" ${bad}.`);
      size += utf8Bytes(key) + 4 + checkValue(name, item, depth + 1);
    }
    return size;
  }
  throw new Refused(`Field "${name}" holds a ${typeof value}, not a JSON value.`);
}

/** A JSON value as stored: bigints as their decimal text (JSON has no 64-bit integers). */
function storable(value: unknown): unknown {
  if (typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storable(v)]));
  return value;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  // ECS arrays such as event.category ["authentication"]: the first value.
  if (Array.isArray(value) && value.length && (value as Scalar[]).every(isScalar))
    return scalarText(value[0]);
  return null;
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

export function normalizeEvent(
  raw: unknown,
  source: EventSource,
  options: NormalizeOptions = {},
): NormalizeResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, reason: 'An event must be a JSON object.' };
  try {
    return { ok: true, event: normalizeObject(raw as Record<string, unknown>, source, options) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    throw error;
  }
}

function normalizeObject(
  raw: Record<string, unknown>,
  source: EventSource,
  options: NormalizeOptions,
): NormalizedEvent {
  const now = options.now ?? new Date();
  const fields = flattenFields(raw);
  const names = Object.keys(fields);
  if (names.length > EVENT_LIMITS.maxFields)
    throw new Refused(
      `The event has ${names.length} fields; at most ${EVENT_LIMITS.maxFields} are kept.`,
    );
  for (const name of names) {
    checkName(name);
    const bytes = checkValue(name, fields[name]);
    if (bytes > EVENT_LIMITS.maxValueBytes)
      throw new Refused(
        `Field "${name}" is ${bytes.toLocaleString('en-US')} bytes; at most ${EVENT_LIMITS.maxValueBytes.toLocaleString('en-US')} are kept.`,
      );
  }

  const timeKey = TIMESTAMP_KEYS.find((k) => fields[k] !== undefined && fields[k] !== null);
  if (!timeKey) throw new Refused('The event has no "@timestamp" (or "timestamp").');
  const time = parseEventTimestamp(timeKey, fields[timeKey], now);
  if (!time.ok) throw new Refused(time.reason);
  if (options.oldest && time.at < options.oldest)
    throw new Refused(options.oldestReason ?? `"${timeKey}" is older than events are kept.`);
  delete fields[timeKey];

  const common = {} as Record<CommonField, string | null>;
  for (const name of COMMON_FIELDS) {
    common[name] = null;
    for (const candidate of FIELD_SOURCES[name]) {
      const text = scalarText(fields[candidate]);
      if (text === null) continue;
      common[name] = text;
      // An array of several (event.category ["authentication", "iam"]) stays whole in `fields`.
      const value = fields[candidate];
      if (!Array.isArray(value) || value.length === 1) delete fields[candidate];
      break;
    }
    // An empty explicit value ("hostname": "") says nothing: not kept as a field either.
    if (fields[name] === null || fields[name] === '') delete fields[name];
  }
  for (const name of Object.keys(fields)) fields[name] = storable(fields[name]);
  return { occurredAt: time.at, source, fields, ...common };
}

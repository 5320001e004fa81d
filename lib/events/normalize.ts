import { COMMON_FIELDS, type CommonField } from './fields';
import { EVENT_LIMITS, INDEXED_COMMON_FIELDS, unstorableText, utf8Bytes } from './normalize/bounds';
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

// Read once: these are checked for every field of every event.
const { maxDepth, maxFields, maxIndexedValueBytes, maxKeyLength, maxValueBytes } = EVENT_LIMITS;

type Scalar = string | number | boolean | null;

/** Nested objects become dotted keys; arrays and scalars are kept as they are. */
export function flattenFields(
  value: Record<string, unknown>,
  prefix = '',
  into: Map<string, unknown> = new Map(),
  depth = 0,
): Map<string, unknown> {
  if (depth > maxDepth) throw new Refused(`Fields are nested deeper than ${maxDepth} levels.`);
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const inner = value[key];
    const name = prefix ? dotted(prefix, key) : key;
    if (inner instanceof Date) setField(into, name, inner.toISOString());
    else if (inner && typeof inner === 'object' && !Array.isArray(inner))
      flattenFields(inner as Record<string, unknown>, name, into, depth + 1);
    else if (inner !== undefined) setField(into, name, inner);
  }
  return into;
}

// Shippers send the same few hundred names all day: each dotted name is built and checked
// once per process, not once per event (bounded, in case a sender invents names).
const MAX_CACHED_NAMES = 50_000;
const dottedNames = new Map<string, Map<string, string>>();
let dottedCount = 0;
const checkedNames = new Set<string>();

function dotted(prefix: string, key: string): string {
  let byKey = dottedNames.get(prefix);
  if (!byKey) {
    if (dottedCount > MAX_CACHED_NAMES) {
      dottedNames.clear();
      dottedCount = 0;
    }
    dottedNames.set(prefix, (byKey = new Map()));
  }
  let name = byKey.get(key);
  if (name === undefined) {
    byKey.set(key, (name = `${prefix}.${key}`));
    dottedCount++;
  }
  return name;
}

function setField(into: Map<string, unknown>, name: string, value: unknown) {
  if (into.has(name)) throw new Refused(`Field "${name}" is given twice.`);
  into.set(name, value);
}

function checkName(name: string) {
  if (checkedNames.has(name)) return;
  if (!name || name.charCodeAt(0) === 46 || name.endsWith('.') || name.includes('..'))
    throw new Refused(`Field name "${name}" has an empty part.`);
  if (name.length > maxKeyLength)
    throw new Refused(
      `Field name "${name.slice(0, 40)}…" is longer than ${maxKeyLength} characters.`,
    );
  const bad = unstorableText(name);
  if (bad) throw new Refused(`A field name ${bad}.`);
  if (checkedNames.size >= MAX_CACHED_NAMES) checkedNames.clear();
  checkedNames.add(name);
}

/** Checks a value can be stored as JSON as it is; returns false when it holds a bigint. */
function checkValue(name: string, value: unknown, depth = 0): boolean {
  if (typeof value === 'string') {
    const bad = unstorableText(value);
    if (bad) throw new Refused(`Field "${name}" ${bad}.`);
    // Only a string that might exceed the bound is measured (UTF-8 is at most 3 bytes per
    // UTF-16 unit).
    if (value.length * 3 > maxValueBytes) tooLarge(name, utf8Bytes(value));
    return true;
  }
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Refused(`Field "${name}" is not a finite number.`);
    return true;
  }
  if (typeof value === 'bigint') return false;
  if (depth > maxDepth)
    throw new Refused(`Field "${name}" is nested deeper than ${maxDepth} levels.`);
  if (typeof value !== 'object')
    throw new Refused(`Field "${name}" holds a ${typeof value}, not a JSON value.`);
  let plain = true;
  if (Array.isArray(value)) {
    for (const item of value) plain = checkValue(name, item, depth + 1) && plain;
  } else {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const bad = unstorableText(key);
      if (bad) throw new Refused(`A key inside "${name}" ${bad}.`);
      plain = checkValue(name, item, depth + 1) && plain;
    }
  }
  if (depth === 0) {
    const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    tooLarge(name, utf8Bytes(json));
  }
  return plain;
}

function tooLarge(name: string, bytes: number) {
  if (bytes > maxValueBytes)
    throw new Refused(
      `Field "${name}" is ${bytes.toLocaleString('en-US')} bytes; at most ${maxValueBytes.toLocaleString('en-US')} are kept.`,
    );
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
  const flat = flattenFields(raw);
  if (flat.size > maxFields)
    throw new Refused(`The event has ${flat.size} fields; at most ${maxFields} are kept.`);
  const withBigint = new Set<string>();
  for (const [name, value] of flat) {
    checkName(name);
    if (!checkValue(name, value)) withBigint.add(name);
  }

  const timeKey = TIMESTAMP_KEYS.find((k) => flat.get(k) !== undefined && flat.get(k) !== null);
  if (!timeKey) throw new Refused('The event has no "@timestamp" (or "timestamp").');
  const time = parseEventTimestamp(timeKey, flat.get(timeKey), now);
  if (!time.ok) throw new Refused(time.reason);
  if (options.oldest && time.at < options.oldest)
    throw new Refused(options.oldestReason ?? `"${timeKey}" is older than events are kept.`);
  flat.delete(timeKey);

  const common = {} as Record<CommonField, string | null>;
  for (const name of COMMON_FIELDS) {
    common[name] = null;
    for (const candidate of FIELD_SOURCES[name]) {
      const value = flat.get(candidate);
      const text = scalarText(value);
      if (text === null) continue;
      common[name] = text;
      // An array of several (event.category ["authentication", "iam"]) stays whole in `fields`.
      if (!Array.isArray(value) || value.length === 1) flat.delete(candidate);
      break;
    }
    // An empty explicit value ("hostname": "") says nothing: not kept as a field either.
    const own = flat.get(name);
    if (own === null || own === '') flat.delete(name);
  }
  for (const name of INDEXED_COMMON_FIELDS) {
    const bytes = common[name] === null ? 0 : utf8Bytes(common[name]);
    if (bytes > maxIndexedValueBytes)
      throw new Refused(
        `Field "${name}" is ${bytes.toLocaleString('en-US')} bytes; at most ${maxIndexedValueBytes.toLocaleString('en-US')} are kept in this field (send longer text as "message" or another field).`,
      );
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of flat) fields[name] = withBigint.has(name) ? storable(value) : value;
  return { occurredAt: time.at, source, fields, ...common };
}

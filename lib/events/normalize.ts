import { COMMON_FIELDS, type CommonField } from './fields';
import type { EventSource, NormalizedEvent } from './types';

// Turning whatever a shipper sent into a NormalizedEvent. First version: the timestamp,
// flattening, and the common fields by their own names. The ingest work adds the Elastic
// Common Schema, Winlogbeat and syslog mappings (README, "Event fields").

export type NormalizeResult = { ok: true; event: NormalizedEvent } | { ok: false; reason: string };

const TIMESTAMP_KEYS = ['@timestamp', 'timestamp', 'time'];

/** Nested objects become dotted keys; arrays and scalars are kept as they are. */
export function flattenFields(
  value: Record<string, unknown>,
  prefix = '',
  into: Record<string, unknown> = {},
) {
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      flattenFields(inner as Record<string, unknown>, name, into);
    else into[name] = inner;
  }
  return into;
}

export function normalizeEvent(raw: unknown, source: EventSource): NormalizeResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, reason: 'An event must be a JSON object.' };
  const fields = flattenFields(raw as Record<string, unknown>);
  const timeKey = TIMESTAMP_KEYS.find((k) => fields[k] !== undefined);
  if (!timeKey) return { ok: false, reason: 'The event has no "@timestamp" (or "timestamp").' };
  const occurredAt = new Date(fields[timeKey] as string);
  if (Number.isNaN(occurredAt.getTime()))
    return { ok: false, reason: `"${timeKey}" is not a date and time.` };
  delete fields[timeKey];
  const common = {} as Record<CommonField, string | null>;
  for (const name of COMMON_FIELDS) {
    const value = fields[name];
    common[name] = value === undefined || value === null ? null : String(value);
    delete fields[name];
  }
  return { ok: true, event: { occurredAt, source, fields, ...common } };
}

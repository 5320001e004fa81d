// An event's own time. Shippers send ISO 8601 with an offset (Beats, Logstash, Vector,
// Fluent Bit) or epoch milliseconds (Fluent Bit's `json_date_format epoch_ms`, scripts).
// A time without an offset is refused: which zone it meant cannot be known, and a guess
// would move the event by hours in an examiner's timeline.

export const TIMESTAMP_KEYS = ['@timestamp', 'timestamp', 'time'] as const;

/** How far ahead of the server's clock an event may claim to be (clock skew between hosts). */
export const MAX_FUTURE_MS = 24 * 3600_000;
/** Before this an event's time is a mistake (epoch seconds sent as millis, a zeroed clock). */
export const EARLIEST = new Date('2000-01-01T00:00:00Z');

const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export type TimestampResult = { ok: true; at: Date } | { ok: false; reason: string };

export function parseEventTimestamp(key: string, value: unknown, now: Date): TimestampResult {
  let at: Date;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return { ok: false, reason: `"${key}" must be epoch milliseconds or ISO 8601.` };
    at = new Date(value);
  } else if (typeof value === 'string') {
    const text = value.trim();
    // What nearly every shipper sends (JavaScript's own format): valid when it survives a
    // round trip, so the general checks below are skipped.
    const fast = text.length === 24 && text.charCodeAt(23) === 90 ? new Date(text) : null;
    if (fast && !Number.isNaN(fast.getTime()) && fast.toISOString() === text) at = fast;
    else if (/^\d{1,16}$/.test(text)) at = new Date(Number(text));
    else if (!ISO_WITH_OFFSET.test(text))
      return {
        ok: false,
        reason: `"${key}" must be ISO 8601 with a time zone offset (2026-03-01T12:00:00Z) or epoch milliseconds.`,
      };
    else if (!calendarValid(text)) return { ok: false, reason: `"${key}" is not a valid date.` };
    else at = new Date(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  } else {
    return { ok: false, reason: `"${key}" must be epoch milliseconds or ISO 8601.` };
  }
  if (Number.isNaN(at.getTime())) return { ok: false, reason: `"${key}" is not a valid date.` };
  if (at < EARLIEST)
    return {
      ok: false,
      reason: `"${key}" is before ${EARLIEST.getUTCFullYear()} (numbers are epoch milliseconds, not seconds).`,
    };
  if (at.getTime() > now.getTime() + MAX_FUTURE_MS)
    return { ok: false, reason: `"${key}" is more than 24 hours in the future.` };
  return { ok: true, at };
}

/** Date parsing rolls 31 February over into March; an examiner's timeline must not. */
function calendarValid(text: string): boolean {
  const [y, m, d, hh, mm] = text.match(/\d+/g)!.map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth && hh <= 23 && mm <= 59;
}

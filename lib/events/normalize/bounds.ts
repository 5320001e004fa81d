// What one event may hold. Beyond these an event is refused with the reason, never cut
// short: a truncated log line is evidence that says something it did not.
export const EVENT_LIMITS = {
  /** Fields after flattening, common ones included. Winlogbeat events have 40–120. */
  maxFields: 500,
  /** Characters in a (dotted) field name. */
  maxKeyLength: 256,
  /** UTF-8 bytes of one value (an array counts as its JSON). Syslog caps a message at 64 KB. */
  maxValueBytes: 64 * 1024,
  /**
   * UTF-8 bytes of a common field the search indexes carry (INDEXED_COMMON_FIELDS): five of
   * them share one btree entry, which PostgreSQL caps at 2,704 bytes.
   */
  maxIndexedValueBytes: 500,
  /** Nesting of objects and arrays. */
  maxDepth: 16,
} as const;

/** Common fields in the search indexes (db/schema/events.ts); message and addresses are not. */
export const INDEXED_COMMON_FIELDS = [
  'app_name',
  'hostname',
  'event_id',
  'category',
  'user',
] as const;

// Nearly every value has neither: one cheap scan, the precise checks only on a hit.
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored as PostgreSQL text or JSONB, or null when it can. */
export function unstorableText(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)';
  return null;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

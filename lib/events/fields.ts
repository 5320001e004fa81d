// The fields every event has a column for, whatever sent it: what queries name most, what the
// Events page shows as columns, and what lib/events/normalize.ts maps shippers' fields onto.
// Any other field is kept under its dotted name in `fields`.
export const COMMON_FIELDS = [
  'app_name',
  'hostname',
  'event_id',
  'category',
  'message',
  'source_ip',
  'dest_ip',
  'user',
] as const;

export type CommonField = (typeof COMMON_FIELDS)[number];

/** The event's own time and where it came from: queryable, not free-form. */
export const META_FIELDS = ['timestamp', 'source'] as const;

export function isCommonField(name: string): name is CommonField {
  return (COMMON_FIELDS as readonly string[]).includes(name);
}

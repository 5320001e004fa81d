import { getTableColumns, sql } from 'drizzle-orm';
import { type EventRow, events } from '@/db/schema';
import type { StoredEvent } from '../types';

/** Selected with every column: the row's occurred_at as text with microseconds, for cursors. */
export const storedEventColumns = {
  ...getTableColumns(events),
  cursorAt: sql<string>`to_char(${events.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id.toString(),
    occurredAt: row.occurredAt,
    receivedAt: row.receivedAt,
    source: row.source,
    app_name: row.appName,
    hostname: row.hostname,
    event_id: row.eventId,
    category: row.category,
    message: row.message,
    source_ip: row.sourceIp,
    dest_ip: row.destIp,
    user: row.user,
    fields: row.fields,
  };
}

import { CSV_BOM, csvLines } from '@/lib/csv/csv-text';
import { csvExportFileName } from '@/lib/csv/download';
import { formatCsvDateTime, zonedHeader } from '@/lib/csv/spreadsheet-dates';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { COMMON_FIELDS } from './fields';
import type { EventSearchParams } from './search-params';
import type { EventStore, StoredEvent } from './types';

// A search's events as a CSV download: every match in the range, newest first, read from the
// store a page at a time through its own keyset cursor (the EventStore interface, not SQL, so
// the export works on any store), one page ahead at most, so memory stays flat and a slow
// client slows the reads instead of filling memory. csvLines neutralises formula cells (a
// hostname like "=cmd|' /C calc'!A0" stays text in Excel); UTF-8 with a BOM; times as
// 2026-11-28 14:05:00 in the viewer's zone, named in the timestamp column's header. The id
// column is the event's id in the store, the one GET /api/v1/events returns.

export const EXPORT_PAGE_SIZE = 1000;

export const EVENT_EXPORT_COLUMNS = [
  'timestamp',
  ...COMMON_FIELDS,
  'source',
  'other_fields',
  'id',
] as const;

/** The header row: "timestamp (America/Chicago)", then the columns above. */
export function eventExportHeader(timeZone: string): string[] {
  const [timestamp, ...rest] = EVENT_EXPORT_COLUMNS;
  return [zonedHeader(timestamp, timeZone), ...rest];
}

function row(event: StoredEvent, timeZone: string): string[] {
  return [
    formatCsvDateTime(event.occurredAt, timeZone),
    ...COMMON_FIELDS.map((field) => event[field] ?? ''),
    event.source,
    Object.keys(event.fields).length ? JSON.stringify(event.fields) : '',
    event.id,
  ];
}

export function streamEventsCsv(
  store: EventStore,
  params: Pick<EventSearchParams, 'query' | 'range'>,
  viewerTimeZone: string,
): ReadableStream<Uint8Array> {
  const timeZone = isValidTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
  const encoder = new TextEncoder();
  const page = (cursor: string | null) =>
    store.search({ query: params.query, range: params.range, limit: EXPORT_PAGE_SIZE, cursor });
  let next: ReturnType<typeof page> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        next = page(null);
        controller.enqueue(encoder.encode(CSV_BOM + csvLines([eventExportHeader(timeZone)])));
      },
      async pull(controller) {
        if (!next) return controller.close();
        const result = await next;
        // Ask for the next page before formatting this one, so the store works while we do.
        next = result.nextCursor ? page(result.nextCursor) : null;
        if (result.data.length)
          controller.enqueue(encoder.encode(csvLines(result.data.map((e) => row(e, timeZone)))));
        if (!next) controller.close();
      },
      cancel() {
        next?.catch(() => {});
        next = null;
      },
    },
    { highWaterMark: 1 },
  );
}

/** vigil-events-20261128-1405.csv, the time in the viewer's zone. */
export function eventExportFileName(now: Date, timeZone: string): string {
  return csvExportFileName('events', now, timeZone);
}

import { and, desc, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import {
  EVENT_COUNT_CAP,
  type MatchSummary,
  type QueryNode,
  type SearchRequest,
  type SearchResult,
  type StoredEvent,
  type TimeRange,
} from '../types';
import { decodeEventCursor, encodeEventCursor } from './search-cursor';
import { matching } from './search-where';
import { storedEventColumns, toStoredEvent } from './stored-event';

export { eventHistogram } from './search-histogram';

export async function searchEvents(db: Db, request: SearchRequest): Promise<SearchResult> {
  const { page, count } = searchQueries(db, request);
  const [rows, [{ n }]] = await Promise.all([page, count]);
  const more = rows.length > request.limit;
  const shown = more ? rows.slice(0, request.limit) : rows;
  const last = shown.at(-1);
  return {
    ...(n > EVENT_COUNT_CAP
      ? { count: EVENT_COUNT_CAP, countCapped: true }
      : { count: n, countCapped: false }),
    data: shown.map(toStoredEvent),
    nextCursor:
      more && last
        ? encodeEventCursor({ occurredAt: last.cursorAt, id: last.id.toString() })
        : null,
  };
}

/**
 * The two statements a search runs (exported for the benchmark's EXPLAIN): one page, newest
 * first, one row more than asked to know whether another follows; and the count, exact up to
 * EVENT_COUNT_CAP, where counting stops instead of scanning every match.
 */
export function searchQueries(db: Db, request: SearchRequest) {
  const limit = request.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new ValidationError({ limit: 'Choose between 1 and 1000 events a page.' });
  const where = matching(request.query, request.range);
  const cursor = request.cursor ? decodeEventCursor(request.cursor) : null;
  const after = cursor
    ? sql`(${events.occurredAt}, ${events.id}) < (${cursor.occurredAt}::timestamptz, ${cursor.id}::bigint)`
    : undefined;
  const page = db
    .select(storedEventColumns)
    .from(events)
    .where(and(where, after))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(limit + 1);
  const capped = db
    .select({ one: sql`1` })
    .from(events)
    .where(where)
    .limit(EVENT_COUNT_CAP + 1)
    .as('capped');
  const count = db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return { page, count };
}

/**
 * Every match counted and hashed (lib/events/evidence-hash.ts's format, computed in SQL so
 * millions of ids never travel), plus the newest `sampleLimit` events.
 */
export async function summarizeMatches(
  db: Db,
  query: QueryNode,
  range: TimeRange,
  sampleLimit = 0,
): Promise<MatchSummary> {
  const where = matching(query, range);
  const [summary] = await db
    .select({
      count: sql<number>`count(*)::int`,
      idsSha256: sql<string>`encode(sha256(convert_to(coalesce(string_agg(${events.id}::text || E'\n', '' order by ${events.id}), ''), 'UTF8')), 'hex')`,
    })
    .from(events)
    .where(where);
  const sample =
    sampleLimit > 0
      ? await db
          .select(storedEventColumns)
          .from(events)
          .where(where)
          .orderBy(desc(events.occurredAt), desc(events.id))
          .limit(sampleLimit)
      : [];
  return { count: summary.count, idsSha256: summary.idsSha256, sample: sample.map(toStoredEvent) };
}

/** Newest first; ids that are not decimal numbers, unknown or expired are simply absent. */
export async function getEventsByIds(db: Db, ids: string[]): Promise<StoredEvent[]> {
  const wanted = [...new Set(ids.filter((id) => /^\d{1,19}$/.test(id)))].map((id) => BigInt(id));
  if (!wanted.length) return [];
  const rows = await db
    .select(storedEventColumns)
    .from(events)
    .where(inArray(events.id, wanted))
    .orderBy(desc(events.occurredAt), desc(events.id));
  return rows.map(toStoredEvent);
}

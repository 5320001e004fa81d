import { and, desc, inArray, type SQL, sql } from 'drizzle-orm';
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
  const limit = request.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new ValidationError({ limit: 'Choose between 1 and 1000 events a page.' });
  const where = matching(request.query, request.range);
  const cursor = request.cursor ? decodeEventCursor(request.cursor) : null;
  const page = cursor
    ? and(
        where,
        sql`(${events.occurredAt}, ${events.id}) < (${cursor.occurredAt}::timestamptz, ${cursor.id}::bigint)`,
      )!
    : where;
  const [rows, counted] = await Promise.all([
    db
      .select(storedEventColumns)
      .from(events)
      .where(page)
      .orderBy(desc(events.occurredAt), desc(events.id))
      .limit(limit + 1),
    countMatches(db, where),
  ]);
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return {
    ...counted,
    data: shown.map(toStoredEvent),
    nextCursor:
      more && last
        ? encodeEventCursor({ occurredAt: last.cursorAt, id: last.id.toString() })
        : null,
  };
}

/** Exact up to EVENT_COUNT_CAP: counting stops there instead of scanning every match. */
async function countMatches(db: Db, where: SQL) {
  const capped = db
    .select({ one: sql`1` })
    .from(events)
    .where(where)
    .limit(EVENT_COUNT_CAP + 1)
    .as('capped');
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(capped);
  return n > EVENT_COUNT_CAP
    ? { count: EVENT_COUNT_CAP, countCapped: true }
    : { count: n, countCapped: false };
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

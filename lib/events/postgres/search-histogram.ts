import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { events } from '@/db/schema';
import type { Histogram, QueryNode, TimeRange } from '../types';
import { matching } from './search-where';

const MINUTE = 60;
const HOUR = 3600;
/** Widths a bucket may have; the narrowest that gives at most MAX_BUCKETS is chosen. */
const BUCKET_SECONDS = [
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];
const MAX_BUCKETS = 120;

/** A minute for an hour (60), 15 minutes for a day (96), 3 hours for a week, 6 for 30 days. */
export function histogramBucketSeconds(range: TimeRange): number {
  const seconds = (range.to.getTime() - range.from.getTime()) / 1000;
  return BUCKET_SECONDS.find((width) => seconds / width <= MAX_BUCKETS) ?? BUCKET_SECONDS.at(-1)!;
}

/**
 * Matches per bucket, every bucket of the range present (zeros included), oldest first.
 * Buckets are aligned to whole widths since the Unix epoch (UTC), so the same event lands in
 * the same bucket whatever range is asked for.
 */
export async function eventHistogram(
  db: Db,
  query: QueryNode,
  range: TimeRange,
): Promise<Histogram> {
  const where = matching(query, range);
  const bucketSeconds = histogramBucketSeconds(range);
  const width = sql`make_interval(secs => ${bucketSeconds})`;
  const origin = sql`'1970-01-01T00:00:00Z'::timestamptz`;
  const rows = await db.execute<{ start: string; count: number }>(sql`
    with counted as (
      select date_bin(${width}, ${events.occurredAt}, ${origin}) as start, count(*)::int as count
      from ${events}
      where ${where}
      group by 1
    )
    select to_char(b.start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start,
           coalesce(counted.count, 0) as count
    from generate_series(
      date_bin(${width}, ${range.from.toISOString()}::timestamptz, ${origin}),
      ${range.to.toISOString()}::timestamptz - interval '1 microsecond',
      ${width}
    ) as b(start)
    left join counted on counted.start = b.start
    order by b.start`);
  return {
    bucketSeconds,
    buckets: [...rows].map((row) => ({ start: new Date(row.start), count: Number(row.count) })),
  };
}

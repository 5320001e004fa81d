import { and, gte, lt, type SQL } from 'drizzle-orm';
import { events } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import type { QueryNode, TimeRange } from '../types';
import { compileEventQuery } from './compile-query';

// Reading events: the compiled query always sits beside the range on occurred_at itself, so
// PostgreSQL prunes to the days the range touches and nothing scans all of time.

/** The range check, written on the partition key so the planner prunes partitions. */
export function inRange(range: TimeRange): SQL {
  if (!(range.from instanceof Date) || !(range.to instanceof Date) || range.from >= range.to)
    throw new ValidationError({ range: 'The time range must end after it starts.' });
  return and(gte(events.occurredAt, range.from), lt(events.occurredAt, range.to))!;
}

export function matching(query: QueryNode, range: TimeRange): SQL {
  return and(inRange(range), compileEventQuery(query))!;
}

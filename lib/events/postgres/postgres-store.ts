import type { Db } from '@/db/client';
import type { EventStore, NormalizedEvent, QueryNode, SearchRequest, TimeRange } from '../types';
import { insertEvents } from './insert';
import { dropPartitionsBefore } from './retention';
import { withSearchTimeLimit } from './search-time-limit';
import { eventHistogram, getEventsByIds, searchEvents, summarizeMatches } from './search';

/** Events in PostgreSQL: a table partitioned by day (db/schema/events.ts). */
export class PostgresEventStore implements EventStore {
  constructor(private readonly db: Db) {}

  insert(batch: Iterable<NormalizedEvent>) {
    return insertEvents(this.db, batch);
  }
  search(request: SearchRequest) {
    return withSearchTimeLimit(this.db, (db) => searchEvents(db, request));
  }
  histogram(query: QueryNode, range: TimeRange) {
    return withSearchTimeLimit(this.db, (db) => eventHistogram(db, query, range));
  }
  summarize(query: QueryNode, range: TimeRange, sampleLimit?: number) {
    return summarizeMatches(this.db, query, range, sampleLimit);
  }
  getByIds(ids: string[]) {
    return getEventsByIds(this.db, ids);
  }
  dropBefore(before: Date) {
    return dropPartitionsBefore(this.db, before);
  }
}

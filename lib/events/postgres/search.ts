import type { Db } from '@/db/client';
import type {
  Histogram,
  MatchSummary,
  QueryNode,
  SearchRequest,
  SearchResult,
  StoredEvent,
  TimeRange,
} from '../types';

// Reading events: the query compiler's SQL, keyset paging, the histogram, match summaries.
// Owned by the query work; these are placeholders so the rest compiles.

export async function searchEvents(_db: Db, _request: SearchRequest): Promise<SearchResult> {
  throw new Error('not built yet');
}

export async function eventHistogram(
  _db: Db,
  _query: QueryNode,
  _range: TimeRange,
): Promise<Histogram> {
  throw new Error('not built yet');
}

export async function summarizeMatches(
  _db: Db,
  _query: QueryNode,
  _range: TimeRange,
  _sampleLimit = 0,
): Promise<MatchSummary> {
  throw new Error('not built yet');
}

export async function getEventsByIds(_db: Db, _ids: string[]): Promise<StoredEvent[]> {
  throw new Error('not built yet');
}

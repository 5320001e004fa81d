import type { CommonField } from './fields';

// The contract between the ways events come in, the store that keeps them, and the pages,
// API, schedules and triggers that search them. The PostgreSQL store (lib/events/postgres/)
// is one implementation of EventStore; an OpenSearch/Elasticsearch one would be another
// (README, "Scale"). Nothing outside lib/events/postgres/ may assume SQL.

export type EventSource = 'api' | 'bulk' | 'syslog' | 'seed';

/** An event as normalised for storage: the common fields, and everything else flattened. */
export type NormalizedEvent = {
  occurredAt: Date;
  source: EventSource;
  /** Every other field under its dotted name ("winlog.event_data.TargetUserName"). */
  fields: Record<string, unknown>;
} & { [F in CommonField]: string | null };

export type StoredEvent = NormalizedEvent & {
  /** Decimal string of the store's id: stable, unique, ascending in arrival order. */
  id: string;
  receivedAt: Date;
};

/** Half-open [from, to). Every search is bounded by one: nothing scans all of time. */
export type TimeRange = { from: Date; to: Date };

// The query language's syntax tree, independent of the parser that produced it
// (lib/events/query/parse.ts) and of any backend's compiler.
export type QueryNode =
  | { type: 'and'; left: QueryNode; right: QueryNode }
  | { type: 'or'; left: QueryNode; right: QueryNode }
  | { type: 'not'; operand: QueryNode }
  /** A term or phrase; `field` null searches all fields. Matching is case-insensitive. */
  | {
      type: 'term';
      field: string | null;
      value: string;
      /** Quoted: no wildcards, matched as a phrase. */
      phrase: boolean;
      /** Contains unescaped ? or * (never true for phrases). */
      wildcard: boolean;
    }
  /** `field:*`: the field is present and not empty. */
  | { type: 'exists'; field: string }
  /** `[a TO b]`, `{a TO b}`, `>=a`...; a null bound is open (`*`). */
  | {
      type: 'range';
      field: string;
      lower: string | null;
      upper: string | null;
      includeLower: boolean;
      includeUpper: boolean;
    }
  /** The empty query: matches every event in the range. */
  | { type: 'all' };

export type SearchRequest = {
  query: QueryNode;
  range: TimeRange;
  /** 1..1000 */
  limit: number;
  /** From a previous page's nextCursor: newest first, (occurredAt, id) descending. */
  cursor?: string | null;
};

export type SearchResult = {
  /** Exact up to EVENT_COUNT_CAP; `countCapped` true means "at least count". */
  count: number;
  countCapped: boolean;
  data: StoredEvent[];
  nextCursor: string | null;
};

export type Histogram = {
  /** Width of each bucket, chosen from the range (a minute up to a day). */
  bucketSeconds: number;
  /** Every bucket of the range, empty ones included, oldest first. */
  buckets: { start: Date; count: number }[];
};

/** What a review or a trigger looked at: enough for an examiner to re-run and compare. */
export type MatchSummary = {
  count: number;
  /** lib/events/evidence-hash.ts over every matched id. */
  idsSha256: string;
  /** Up to `sampleLimit` matched events, newest first (triggers copy them as evidence). */
  sample: StoredEvent[];
};

export type InsertResult = { inserted: number };

export interface EventStore {
  /**
   * All of them or none. May be a lazy iterable (ingest normalises as the store pulls), so a
   * store can write one part while the caller prepares the next.
   */
  insert(events: Iterable<NormalizedEvent>): Promise<InsertResult>;
  search(request: SearchRequest): Promise<SearchResult>;
  histogram(query: QueryNode, range: TimeRange): Promise<Histogram>;
  summarize(query: QueryNode, range: TimeRange, sampleLimit?: number): Promise<MatchSummary>;
  /** Events by id (from a selection on the Events page); unknown or expired ids are absent. */
  getByIds(ids: string[]): Promise<StoredEvent[]>;
  /** Removes every event that occurred before `before` (whole days); returns what it dropped. */
  dropBefore(before: Date): Promise<{ dropped: string[] }>;
}

/** Counts above this are reported as "at least": exact counts of millions cost a full scan. */
export const EVENT_COUNT_CAP = 10_000;

import { ValidationError } from '@/lib/errors';
import type { QueryNode } from '../types';

// The query language (README, "Searching events"): parsed with a maintained Lucene-syntax
// parser and turned into our own tree (lib/events/types.ts QueryNode), which each store
// compiles. Owned by the query work; this first version only knows the empty query.

export class EventQuerySyntaxError extends ValidationError {
  constructor(
    message: string,
    /** 0-based character offset in the query text. */
    readonly position: number,
    /** What the parser expected there, in words ("a field value", "closing parenthesis"). */
    readonly expected: string[],
  ) {
    super({ q: message }, message);
  }
}

/** Parses query text; throws EventQuerySyntaxError with a position. '' is every event. */
export function parseEventQuery(text: string): QueryNode {
  if (!text.trim()) return { type: 'all' };
  throw new EventQuerySyntaxError('Event queries are not supported yet.', 0, []);
}

import type { QueryNode } from '../types';
import { EventQuerySyntaxError, parseEventQuery } from './parse';

export type QueryCheck =
  | { ok: true; query: QueryNode; warnings: string[] }
  | { ok: false; message: string; position: number; expected: string[] };

/**
 * For forms that save a query (schedules, triggers) and the query box: a syntax error with
 * its position, or the tree plus warnings (a field no event has ever had: it matches nothing).
 */
export function checkEventQuery(text: string): QueryCheck {
  try {
    return { ok: true, query: parseEventQuery(text), warnings: [] };
  } catch (error) {
    if (error instanceof EventQuerySyntaxError)
      return {
        ok: false,
        message: error.message,
        position: error.position,
        expected: error.expected,
      };
    throw error;
  }
}

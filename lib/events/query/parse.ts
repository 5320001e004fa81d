import lucene, { type PegSyntaxError } from 'lucene';
import type { QueryNode } from '../types';
import { fromLucene } from './from-lucene';
import { prepareQueryText } from './prepare-text';
import { EventQuerySyntaxError } from './syntax-error';
import { describeSyntaxError } from './syntax-words';

export { EventQuerySyntaxError };

// The query language (README, "Searching events"): Lucene syntax as analysts know it from
// Kibana and the product's own help, parsed with the `lucene` package (a PEG grammar that,
// unlike liqe, accepts field groups `app_name:(a OR b)` and open ranges `[100 TO *]`) and
// turned into our own tree (lib/events/types.ts QueryNode), which each store compiles.
//
// A term's `value` is literal text, except when `wildcard` is true: then it is a pattern in
// which `*` and `?` are wildcards and a backslash makes the next character literal.

/** Parses query text; throws EventQuerySyntaxError with a position. '' is every event. */
export function parseEventQuery(text: string): QueryNode {
  if (!text.trim()) return { type: 'all' };
  const prepared = prepareQueryText(text);
  let ast;
  try {
    ast = lucene.parse(prepared.text);
  } catch (error) {
    if (!isPegSyntaxError(error)) throw error;
    const described = describeSyntaxError(prepared, error);
    throw new EventQuerySyntaxError(described.message, described.position, described.expected);
  }
  return fromLucene(ast, prepared);
}

function isPegSyntaxError(error: unknown): error is PegSyntaxError {
  return error instanceof Error && error.name === 'SyntaxError' && 'location' in error;
}

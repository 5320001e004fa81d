import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { eventFieldNames } from '@/db/schema';
import { COMMON_FIELDS, META_FIELDS } from '../fields';
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

const KNOWN = new Set<string>([...COMMON_FIELDS, ...META_FIELDS]);

/**
 * As checkEventQuery, plus a warning for each field that is neither a common field nor one
 * ingest has ever seen (event_field_names): such a query is valid but matches nothing.
 */
export async function checkEventQueryFields(db: DbOrTx, text: string): Promise<QueryCheck> {
  const checked = checkEventQuery(text);
  if (!checked.ok) return checked;
  const named = [...new Set(queryFieldNames(checked.query))].filter((name) => !KNOWN.has(name));
  if (!named.length) return checked;
  const seen = await db
    .select({ name: eventFieldNames.name })
    .from(eventFieldNames)
    .where(inArray(eventFieldNames.name, named));
  const seenNames = new Set(seen.map((row) => row.name));
  const warnings = named
    .filter((name) => !seenNames.has(name))
    .map(
      (name) =>
        `No event has a field "${name}", so ${name}:… matches nothing. Check the spelling; known fields include ${COMMON_FIELDS.join(', ')}.`,
    );
  return { ...checked, warnings: [...checked.warnings, ...warnings] };
}

/** Every field a query names, in order of appearance. */
export function queryFieldNames(node: QueryNode): string[] {
  switch (node.type) {
    case 'and':
    case 'or':
      return [...queryFieldNames(node.left), ...queryFieldNames(node.right)];
    case 'not':
      return queryFieldNames(node.operand);
    case 'term':
      return node.field === null ? [] : [node.field];
    case 'exists':
    case 'range':
      return [node.field];
    case 'all':
      return [];
  }
}

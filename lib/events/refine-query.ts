import { parseEventQuery } from './query/parse';

// Clicking a field's value on the Events page narrows the search to it: `field:value` AND'ed
// onto the query. Terms separated by a space are OR'ed in this language, so a query whose top
// level is not already an AND (or a single clause) is wrapped in parentheses first: "wi fi"
// refined by host becomes "(wi fi) AND hostname:srv-01", never "wi fi AND hostname:srv-01".

// Characters the query language gives a meaning to (a slash starts a regular expression in
// Lucene syntax); anything else (dots, dashes, underscores inside a token) needs no quotes, as
// `127.0.0.1` and `microsoft-windows-search` show.
const SPECIAL = /[\s:()[\]{}"\\/*?~^!&|<>=]/;
const KEYWORD = /^(?:AND|OR|NOT|TO)$/i;
const FIELD_NAME = /^[A-Za-z0-9_@][A-Za-z0-9_@.\-]*$/;

/** A value as the query language reads it literally: bare when it can be, else a phrase. */
export function queryValue(value: string): string {
  if (value && !SPECIAL.test(value) && !KEYWORD.test(value) && !/^[-+]/.test(value)) return value;
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Whether `field:value` can be written for this field name (dotted names included). */
export function isQueryableFieldName(field: string): boolean {
  return FIELD_NAME.test(field);
}

export function fieldClause(field: string, value: string): string {
  return `${field}:${queryValue(value)}`;
}

/** The query with `field:value` AND'ed on; a query that does not parse is left as it is. */
export function refineQuery(query: string, field: string, value: string): string {
  const clause = fieldClause(field, value);
  const text = query.trim();
  if (!text) return clause;
  let root: string;
  try {
    root = parseEventQuery(text).type;
  } catch {
    return `(${text}) AND ${clause}`;
  }
  if (root === 'all') return clause;
  return root === 'or' ? `(${text}) AND ${clause}` : `${text} AND ${clause}`;
}

import { type SQL, sql } from 'drizzle-orm';
import { events } from '@/db/schema';
import { COMMON_FIELDS, type CommonField } from '../fields';
import type { QueryNode } from '../types';

// QueryNode → a WHERE condition for `events`. Every value and every field name goes in as a
// bind parameter (`fields ->> $1`); nothing from the query text is pasted into SQL.
//
// What a term means (README, "Searching events"):
// - `message` is text: a term matches a word of it, a phrase a run of words, case-insensitively;
// - every other field is a keyword: a term or phrase matches the whole value, case-insensitively,
//   and `*`/`?` wildcards span the whole value (hostname:srv* is "starts with srv");
// - a bare term matches when any common field or any value in `fields` does.
//
// Each leaf is written to be true or false, never NULL (`col is not null and ...`), so NOT
// keeps its meaning on events that lack the field: NOT category:alert includes events with
// no category.

type Keyword = SQL;

const COLUMNS: Record<CommonField, SQL> = {
  app_name: sql`${events.appName}`,
  hostname: sql`${events.hostname}`,
  event_id: sql`${events.eventId}`,
  category: sql`${events.category}`,
  message: sql`${events.message}`,
  source_ip: sql`${events.sourceIp}`,
  dest_ip: sql`${events.destIp}`,
  user: sql`${events.user}`,
};

const KEYWORD_COLUMNS = COMMON_FIELDS.filter((f) => f !== 'message');

// Indexed as the plain column rather than lower(column) (db/schema/events.ts): values without
// letters compare equal either way, so event_id:4625 can use that index.
const PLAIN_INDEXED = new Set<string>(['event_id']);

const NUMBER = /^-?\d+(\.\d+)?$/;
const NUMBER_SQL = '^-?[0-9]+(\\.[0-9]+)?$';

export function compileEventQuery(node: QueryNode): SQL {
  switch (node.type) {
    case 'all':
      return sql`true`;
    case 'and':
      return sql`(${compileEventQuery(node.left)} and ${compileEventQuery(node.right)})`;
    case 'or':
      return sql`(${compileEventQuery(node.left)} or ${compileEventQuery(node.right)})`;
    case 'not':
      return sql`(not ${compileEventQuery(node.operand)})`;
    case 'term':
      return node.field === null ? anyField(node) : fieldTerm(node.field, node);
    case 'exists':
      return exists(node.field);
    case 'range':
      return range(node);
  }
}

type TermNode = Extract<QueryNode, { type: 'term' }>;
type RangeNode = Extract<QueryNode, { type: 'range' }>;

function isCommon(field: string): field is CommonField {
  return (COMMON_FIELDS as readonly string[]).includes(field);
}

/** The text of a field that is not a column: `fields ->> $name`. */
function jsonField(field: string): Keyword {
  return sql`(${events.fields} ->> ${field})`;
}

function fieldTerm(field: string, term: TermNode): SQL {
  if (field === 'message') return messageTerm(term);
  if (field === 'source') return keywordTerm(sql`${events.source}::text`, term, false);
  if (isCommon(field)) return keywordTerm(COLUMNS[field], term, PLAIN_INDEXED.has(field));
  return keywordTerm(jsonField(field), term, false);
}

function anyField(term: TermNode): SQL {
  const parts = [
    ...KEYWORD_COLUMNS.map((f) => keywordTerm(COLUMNS[f], term, PLAIN_INDEXED.has(f))),
    messageTerm(term),
    sql`exists (select 1 from jsonb_each_text(${events.fields}) as f(key, value) where ${keywordTerm(sql`f.value`, term, false)})`,
  ];
  return sql`(${sql.join(parts, sql` or `)})`;
}

function keywordTerm(value: Keyword, term: TermNode, plainIndexed: boolean): SQL {
  if (term.wildcard)
    return sql`(${value} is not null and lower(${value}) like ${likePattern(term.value.toLowerCase())})`;
  const wanted = term.value.toLowerCase();
  if (plainIndexed && wanted === term.value.toUpperCase())
    return sql`(${value} is not null and ${value} = ${wanted})`;
  return sql`(${value} is not null and lower(${value}) = ${wanted})`;
}

function messageTerm(term: TermNode): SQL {
  const message = COLUMNS.message;
  return sql`(${message} is not null and ${message} ~* ${wordRegex(term)})`;
}

/** `*` → `%`, `?` → `_`; LIKE's own metacharacters and escaped wildcards stay literal. */
export function likePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      out += escapeLike(pattern[++i]);
      continue;
    }
    out += ch === '*' ? '%' : ch === '?' ? '_' : escapeLike(ch);
  }
  return out;
}

function escapeLike(ch: string) {
  return ch === '%' || ch === '_' || ch === '\\' ? `\\${ch}` : ch;
}

const WORD_EDGE_BEFORE = '(^|[^[:alnum:]_])';
const WORD_EDGE_AFTER = '($|[^[:alnum:]_])';

/** A POSIX regex for the term as a word (or the phrase as a run of words) of a text. */
export function wordRegex(term: Pick<TermNode, 'value' | 'wildcard'>): string {
  let body = '';
  const { value, wildcard } = term;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (wildcard && ch === '\\' && i + 1 < value.length) {
      body += escapeRegex(value[++i]);
      continue;
    }
    if (wildcard && ch === '*') body += '[^[:space:]]*';
    else if (wildcard && ch === '?') body += '[^[:space:]]';
    else if (/\s/.test(ch)) {
      body += '[[:space:]]+';
      while (i + 1 < value.length && /\s/.test(value[i + 1])) i++;
    } else body += escapeRegex(ch);
  }
  return WORD_EDGE_BEFORE + body + WORD_EDGE_AFTER;
}

function escapeRegex(ch: string) {
  return /[A-Za-z0-9]/.test(ch) ? ch : `\\${ch}`;
}

function exists(field: string): SQL {
  if (field === 'timestamp' || field === 'source') return sql`true`;
  const value = isCommon(field) ? COLUMNS[field] : jsonField(field);
  return sql`(${value} is not null and ${value} <> '')`;
}

function range(node: RangeNode): SQL {
  const { lower, upper, includeLower, includeUpper } = node;
  if (node.field === 'timestamp') {
    const column = sql`${events.occurredAt}`;
    const parts: SQL[] = [];
    if (lower !== null)
      parts.push(
        includeLower
          ? sql`${column} >= ${lower}::timestamptz`
          : sql`${column} > ${lower}::timestamptz`,
      );
    if (upper !== null)
      parts.push(
        includeUpper
          ? sql`${column} <= ${upper}::timestamptz`
          : sql`${column} < ${upper}::timestamptz`,
      );
    return sql`(${sql.join(parts, sql` and `)})`;
  }
  const value =
    node.field === 'source'
      ? sql`${events.source}::text`
      : isCommon(node.field)
        ? COLUMNS[node.field]
        : jsonField(node.field);
  const numeric = [lower, upper].every((bound) => bound === null || NUMBER.test(bound));
  const parts: SQL[] = [];
  if (numeric) {
    const number = sql`${value}::numeric`;
    if (lower !== null)
      parts.push(
        includeLower ? sql`${number} >= ${lower}::numeric` : sql`${number} > ${lower}::numeric`,
      );
    if (upper !== null)
      parts.push(
        includeUpper ? sql`${number} <= ${upper}::numeric` : sql`${number} < ${upper}::numeric`,
      );
    // CASE, so the cast only ever sees numbers; non-numbers are outside every numeric range.
    return sql`(case when ${value} ~ ${NUMBER_SQL} then ${sql.join(parts, sql` and `)} else false end)`;
  }
  const text = sql`lower(${value})`;
  if (lower !== null)
    parts.push(
      includeLower ? sql`${text} >= ${lower.toLowerCase()}` : sql`${text} > ${lower.toLowerCase()}`,
    );
  if (upper !== null)
    parts.push(
      includeUpper ? sql`${text} <= ${upper.toLowerCase()}` : sql`${text} < ${upper.toLowerCase()}`,
    );
  return sql`(${value} is not null and ${sql.join(parts, sql` and `)})`;
}

import type { LuceneAst, LuceneNode, LuceneRange, LuceneTerm } from 'lucene';
import type { QueryNode } from '../types';
import type { PreparedText } from './prepare-text';
import { rangeFromComparison, rangeNode, timestampTermRange } from './ranges';
import { EventQuerySyntaxError } from './syntax-error';

// The `lucene` package's tree → our QueryNode. Its grammar nests every chain to the right
// ("a AND b OR c" is a AND (b OR c)), so a chain is flattened and rebuilt with the usual
// precedence: NOT binds tightest, then AND, then OR; a space between terms is OR.

const IMPLICIT = '<implicit>';
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', '&&', '||']);

type Operand = { node: QueryNode; prefix: '+' | '-' | null };
type Joiner = { op: 'and' | 'or'; implicit: boolean };

export function fromLucene(ast: LuceneAst, prepared: PreparedText): QueryNode {
  return convert(ast, null, prepared);
}

function isTerm(ast: LuceneAst): ast is LuceneTerm {
  return 'term' in ast;
}

function isRange(ast: LuceneAst): ast is LuceneRange {
  return 'term_min' in ast;
}

function convert(ast: LuceneAst, field: string | null, prepared: PreparedText): QueryNode {
  if (isTerm(ast)) return convertTerm(ast, field, prepared);
  if (isRange(ast)) return convertRange(ast, field, prepared);
  if (ast.left === undefined) return { type: 'all' };
  const groupField = ast.field && ast.field !== IMPLICIT ? unescape(ast.field) : field;
  return convertChain(ast, groupField, prepared);
}

function convertChain(node: LuceneNode, field: string | null, prepared: PreparedText): QueryNode {
  const operands: Operand[] = [];
  const joiners: Joiner[] = [];
  let negateNext = false;
  let current: LuceneNode | null = node;
  while (current) {
    const chainNode: LuceneNode = current;
    current = null;
    operands.push(
      operand(chainNode.left!, field, prepared, negateNext || chainNode.start === 'NOT'),
    );
    negateNext = false;
    if (chainNode.right === undefined || !chainNode.operator) break;
    const operator = chainNode.operator;
    joiners.push({
      op:
        operator === 'OR' || operator === '||' || operator === IMPLICIT || operator === 'OR NOT'
          ? 'or'
          : 'and',
      implicit: operator === IMPLICIT,
    });
    negateNext = operator === 'NOT' || operator.endsWith(' NOT');
    const right: LuceneAst = chainNode.right;
    if (!isTerm(right) && !isRange(right) && !right.parenthesized && !right.field && right.left)
      current = right;
    else {
      operands.push(operand(right, field, prepared, negateNext));
      negateNext = false;
    }
  }
  return combine(operands, joiners);
}

function operand(
  ast: LuceneAst,
  field: string | null,
  prepared: PreparedText,
  negate: boolean,
): Operand {
  // The grammar reads `-category:x` as a field named "-category".
  let fieldPrefix: string | null = null;
  if (ast.field && /^[-+!]./.test(ast.field) && ast.field !== IMPLICIT) {
    fieldPrefix = ast.field[0];
    ast = { ...ast, field: ast.field.slice(1) };
  }
  const node = convert(ast, field, prepared);
  const marker =
    fieldPrefix ?? (isTerm(ast) && ast.prefix && !isPunctuationTerm(ast) ? ast.prefix : null);
  const prefix = marker ? (marker === '+' ? '+' : '-') : null;
  return { node: negate ? not(node) : node, prefix };
}

// `-x` and `+x` joined to their neighbours by spaces act on the whole chain, as in Lucene:
// "a b -c" is (a OR b) AND NOT c. Joined by an explicit operator they are just NOT x and x.
function combine(operands: Operand[], joiners: Joiner[]): QueryNode {
  const required: QueryNode[] = [];
  const kept: Operand[] = [];
  const keptJoiners: Joiner[] = [];
  operands.forEach((item, i) => {
    const before = joiners[i - 1];
    const after = joiners[i];
    const spaced = (!before || before.implicit) && (!after || after.implicit);
    if (item.prefix && spaced && operands.length > 1) {
      required.push(item.prefix === '-' ? not(item.node) : item.node);
      return;
    }
    if (kept.length) keptJoiners.push(before ?? { op: 'or', implicit: true });
    kept.push(item.prefix === '-' ? { ...item, node: not(item.node) } : item);
  });
  // OR of AND-groups.
  const groups: QueryNode[][] = [];
  kept.forEach((item, i) => {
    if (i === 0 || keptJoiners[i - 1].op === 'or') groups.push([item.node]);
    else groups.at(-1)!.push(item.node);
  });
  const alternatives = groups.map((group) => group.reduce((left, right) => and(left, right)));
  const rest: QueryNode = alternatives.length
    ? alternatives.reduce((left, right) => ({ type: 'or', left, right }))
    : { type: 'all' };
  return required.reduce((left, right) => and(left, right), rest);
}

function and(left: QueryNode, right: QueryNode): QueryNode {
  if (left.type === 'all') return right;
  if (right.type === 'all') return left;
  return { type: 'and', left, right };
}

function not(operand: QueryNode): QueryNode {
  return operand.type === 'not' ? operand.operand : { type: 'not', operand };
}

function convertTerm(ast: LuceneTerm, inherited: string | null, prepared: PreparedText): QueryNode {
  const field = ast.field === IMPLICIT ? inherited : unescape(ast.field);
  const at = prepared.toOriginal(ast.termLocation?.start.offset ?? 0);
  const fail = (message: string, expected: string[]): never => {
    throw new EventQuerySyntaxError(`${message} (character ${at + 1}).`, at, expected);
  };
  if (ast.regex) return termNode(field, `/${ast.term}/`, false);
  if (!ast.quoted && OPERATOR_WORDS.has(ast.term))
    fail(`Expected a term or phrase after ${ast.term}`, [`a term or phrase after ${ast.term}`]);
  if (ast.similarity != null || ast.proximity != null)
    fail('Fuzzy and proximity searches (~) are not supported; use ? and * wildcards', [
      'a term or phrase without ~',
    ]);
  const raw = isPunctuationTerm(ast) ? ast.prefix + ast.term : ast.term;
  if (ast.quoted) return termNode(field, unescape(raw), true, at);
  if (raw === '*') return field ? { type: 'exists', field } : { type: 'all' };
  if (/^[<>]/.test(raw)) {
    if (!field) fail('A comparison needs a field name, such as event_id:>4000', ['a field name']);
    return rangeFromComparison(field!, unescape(raw), at);
  }
  if (hasWildcard(raw)) {
    if (field === 'timestamp')
      fail('Timestamps take ranges, not wildcards: timestamp:[2026-03-01 TO 2026-03-02}', [
        'a date and time',
      ]);
    return { type: 'term', field, value: raw, phrase: false, wildcard: true };
  }
  return termNode(field, unescape(raw), false, at);
}

function termNode(field: string | null, value: string, phrase: boolean, at = 0): QueryNode {
  if (field === 'timestamp') return timestampTermRange(value, at);
  return { type: 'term', field, value, phrase, wildcard: false };
}

function convertRange(ast: LuceneRange, inherited: string | null, prepared: PreparedText) {
  const field = ast.field === IMPLICIT ? inherited : unescape(ast.field);
  const at = prepared.toOriginal(ast.fieldLocation?.start.offset ?? 0);
  if (!field)
    throw new EventQuerySyntaxError(
      `A range needs a field name, such as event_id:[4720 TO 4730] (character ${at + 1}).`,
      at,
      ['a field name'],
    );
  const bound = (value: string) => (value === '*' ? null : unescape(value));
  return rangeNode(
    field,
    bound(ast.term_min),
    bound(ast.term_max),
    ast.inclusive === 'both' || ast.inclusive === 'left',
    ast.inclusive === 'both' || ast.inclusive === 'right',
    at,
  );
}

/** "--" and "-->" are punctuation, not a NOT prefix. */
function isPunctuationTerm(ast: LuceneTerm) {
  return !!ast.prefix && !ast.quoted && /^[-+!]/.test(ast.term);
}

/** Unescaped `*` or `?`. */
function hasWildcard(raw: string) {
  return /(^|[^\\])(\\\\)*[*?]/.test(raw);
}

function unescape(raw: string) {
  return raw.replace(/\\(.)/g, '$1');
}

import { EventQuerySyntaxError } from './syntax-error';

/** Query text as handed to the parser, with a way back to the positions the user typed. */
export type PreparedText = {
  original: string;
  /** What the parser reads: `original` with stray closing parentheses and colons in compared values escaped. */
  text: string;
  /** `text` with quoted and escaped characters replaced by "x", for structural scans. */
  masked: string;
  /** Position in `text` → position in `original`. */
  toOriginal(offset: number): number;
  /** Parentheses and brackets still open at the end of `text`. */
  unclosed: { paren: number; bracket: boolean; quote: boolean };
};

/**
 * Before parsing: a `)` that closes nothing is taken as an ordinary character (so a pasted
 * `a:'); drop table events; --` is just a query for those words), a compared value may hold
 * colons (`timestamp:<2026-03-01T10:00:00Z`), and operators with nothing
 * on one side are refused here, because the grammar silently drops them.
 */
export function prepareQueryText(original: string): PreparedText {
  let text = '';
  let masked = '';
  const inserted: number[] = [];
  let depth = 0;
  let bracket = false;
  let quote = false;
  // Inside `field:>=value`: the value's colons (timestamp:>=2026-03-01T10:00:00Z) are its own.
  let comparison = false;
  for (let i = 0; i < original.length; i++) {
    const ch = original[i];
    if (ch === '\\' && i + 1 < original.length) {
      text += ch + original[i + 1];
      masked += 'xx';
      i++;
      continue;
    }
    if (quote) {
      if (ch === '"') quote = false;
      text += ch;
      masked += ch === '"' ? '"' : 'x';
      continue;
    }
    if (comparison && /[\s()]/.test(ch)) comparison = false;
    if (comparison && ch === ':') {
      inserted.push(text.length);
      text += '\\:';
      masked += 'xx';
      continue;
    }
    if ((ch === '<' || ch === '>') && /:\s*$/.test(text)) comparison = true;
    if (ch === '"') quote = true;
    else if (ch === '[' || ch === '{') bracket = true;
    else if (ch === ']' || ch === '}') bracket = false;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) {
        inserted.push(text.length);
        text += '\\)';
        masked += 'xx';
        continue;
      }
      depth--;
    }
    text += ch;
    masked += ch;
  }
  const prepared: PreparedText = {
    original,
    text,
    masked,
    toOriginal: (offset) => offset - inserted.filter((at) => at < offset).length,
    unclosed: { paren: depth, bracket, quote },
  };
  refuseDanglingOperators(prepared);
  return prepared;
}

const OPERATOR = String.raw`(AND NOT|OR NOT|AND|OR|NOT|&&|\|\|)`;

function refuseDanglingOperators(prepared: PreparedText) {
  const { masked } = prepared;
  // An operator with only a closing parenthesis or the end of the query after it.
  const trailing = new RegExp(String.raw`(?:^|[\s(])${OPERATOR}\s*(?=\)|$)`, 'g');
  for (const match of masked.matchAll(trailing)) {
    const operator = match[1];
    const at = prepared.toOriginal(match.index + match[0].length);
    throw new EventQuerySyntaxError(
      `Expected a term or phrase after ${operator} at character ${at + 1}.`,
      at,
      [`a term or phrase after ${operator}`],
    );
  }
  // A binary operator with nothing before it (NOT alone is fine: "NOT category:alert").
  const leading = /(?:^|\()\s*(AND|OR|&&|\|\|)(?=\s)/g;
  for (const match of masked.matchAll(leading)) {
    const operator = match[1];
    const at = prepared.toOriginal(match.index + match[0].length - operator.length);
    throw new EventQuerySyntaxError(
      `Expected a term or phrase before ${operator} at character ${at + 1}.`,
      at,
      [`a term or phrase before ${operator}`],
    );
  }
}

import type { PegSyntaxError } from 'lucene';
import type { PreparedText } from './prepare-text';

export type DescribedSyntaxError = { message: string; position: number; expected: string[] };

// The grammar's own expectations are character classes and every operator spelling at once
// ('Expected "!", "&&", "(", "+", ...'); analysts get the one or two things that fit there.
export function describeSyntaxError(
  prepared: PreparedText,
  error: PegSyntaxError,
): DescribedSyntaxError {
  const position = prepared.toOriginal(error.location.start.offset);
  const expected = expectedWords(prepared, error);
  const where = error.found === null ? 'at the end of the query' : `at character ${position + 1}`;
  const found = error.found === null ? '' : `Unexpected "${error.found}" ${where}: `;
  const message = found
    ? `${found}expected ${joinWords(expected)}.`
    : `Expected ${joinWords(expected)} ${where}.`;
  return { message, position, expected };
}

function expectedWords(prepared: PreparedText, error: PegSyntaxError): string[] {
  const literals = new Set(
    (error.expected ?? []).flatMap((e) => (e.type === 'literal' ? [e.text] : [])),
  );
  const { unclosed } = prepared;
  if (error.found === null) {
    if (unclosed.quote) return ['a closing quote (")'];
    if (unclosed.bracket) return literals.has('TO') ? ['TO'] : ['an upper bound and ] or }'];
    if (/:\s*$/.test(prepared.masked)) return ['a value after the colon'];
    if (unclosed.paren > 0) return ['a closing parenthesis'];
    return ['a term or phrase'];
  }
  if (error.found === ':')
    return ['a value without ":" (put quotes around a value that contains a colon)'];
  if (literals.has('TO') && !literals.has('AND')) return ['TO'];
  if ((literals.has(']') || literals.has('}')) && !literals.has('AND')) return ['] or }'];
  if (error.found === '"' || error.found === '(') return ['AND, OR or NOT', 'a space'];
  if (unclosed.paren > 0 && literals.has(')')) return ['a term or phrase', 'a closing parenthesis'];
  return ['a term or phrase'];
}

function joinWords(words: string[]) {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

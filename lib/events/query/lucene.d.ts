// Types for the `lucene` package (2.1.1), which ships none: the node shapes its PEG grammar
// (node_modules/lucene/lib/lucene.grammar) returns. Only what lib/events/query/ reads.
declare module 'lucene' {
  export type Location = {
    start: { offset: number; line: number; column: number };
    end: { offset: number; line: number; column: number };
  };

  export type LuceneTerm = {
    field: string;
    fieldLocation?: Location | null;
    term: string;
    termLocation?: Location;
    quoted: boolean;
    regex: boolean;
    prefix?: '+' | '-' | '!' | null;
    boost?: number | null;
    similarity?: number | null;
    proximity?: number | null;
  };

  export type LuceneRange = {
    field: string;
    fieldLocation?: Location | null;
    term_min: string;
    term_max: string;
    inclusive: 'both' | 'none' | 'left' | 'right';
  };

  export type LuceneNode = {
    left?: LuceneAst;
    right?: LuceneAst;
    operator?: string;
    start?: string;
    field?: string;
    fieldLocation?: Location | null;
    parenthesized?: boolean;
  };

  export type LuceneAst = LuceneNode | LuceneTerm | LuceneRange;

  export type PegExpectation =
    | { type: 'literal'; text: string }
    | { type: 'class'; parts: unknown[]; inverted: boolean }
    | { type: 'any' | 'end' | 'other'; description?: string };

  export type PegSyntaxError = Error & {
    location: Location;
    expected: PegExpectation[] | null;
    found: string | null;
  };

  const lucene: { parse(text: string): LuceneAst };
  export default lucene;
}

import { stringify } from 'csv-stringify/sync';

// How every CSV is written: RFC 4180 quoting by csv-stringify, and its escape_formulas so a
// cell that a spreadsheet would run as a formula stays text. A title like "=HYPERLINK(…)"
// typed by anyone would otherwise become a link or worse in an examiner's Excel; a cell
// starting with =, +, -, @, a tab or a carriage return (or the full-width ＝ ＋ － ＠ that
// Apple Numbers folds to them) gets a leading apostrophe, OWASP's advice for CSV injection.
// A number cell is left alone (-5 is a number, not a formula), so pass counts as numbers.

export type CsvCell = string | number | null | undefined;

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark. */
export const CSV_BOM = '\uFEFF';

const OPTIONS = { escape_formulas: true } as const;

/** Rows as CSV lines, each ending in a newline; null and undefined are empty cells. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], OPTIONS);
}

/** A whole CSV file: the byte-order mark, the header and the rows. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string {
  return CSV_BOM + csvLines([header, ...rows]);
}

// Spreadsheets run a cell that starts with =, +, -, @ (or a tab or carriage return that
// hides one) as a formula: a title like "=HYPERLINK(...)" typed by anyone becomes a link
// or worse in an examiner's Excel. A leading apostrophe makes it plain text (OWASP's
// advice for CSV injection); quoting commas, quotes and newlines is csv-stringify's job.
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

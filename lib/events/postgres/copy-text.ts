// PostgreSQL's COPY text format: one line per row, columns separated by tabs, \N for null.
// Backslash, tab, newline and carriage return inside a value are written as \\, \t, \n, \r
// (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"). A NUL cannot be
// sent at all; normalisation refuses it before a value gets here.

const SPECIAL = /[\\\t\n\r]/g;
const HAS_SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (c) => ESCAPES[c]) : value;
}

export function copyLine(values: (string | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyText(values[i]);
  return `${line}\n`;
}

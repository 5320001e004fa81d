import { sql } from 'drizzle-orm';

// How every CSV writes times, so that Excel, LibreOffice and Gnumeric read them as dates:
// "2026-12-01 14:05:00" in the viewer's zone (an ISO offset or a "T" makes them text), the
// zone named once in the column's header, and plain dates as 2026-12-01.

/** to_char format of an instant in the session's zone: 2026-12-01 14:05:00. */
export const CSV_DATETIME_FORMAT = 'YYYY-MM-DD HH24:MI:SS';
/** to_char format of a date: 2026-12-01. */
export const CSV_DATE_FORMAT = 'YYYY-MM-DD';

/** An instant column as CSV text, in the session's time zone (streamQueryCsv sets the viewer's). */
export const csvDateTime = (column: unknown) =>
  sql`to_char(${column}, ${sql.raw(`'${CSV_DATETIME_FORMAT}'`)})`;

/** A date (or an instant's date in the session's zone) as CSV text. */
export const csvDate = (column: unknown) =>
  sql`to_char(${column}, ${sql.raw(`'${CSV_DATE_FORMAT}'`)})`;

/** The header of a date-time column: "Opened (America/Chicago)". */
export const zonedHeader = (label: string, timeZone: string) => `${label} (${timeZone})`;

// One formatter per zone: a report of 10,000 occurrences writes 40,000 times, and building a
// zoned date object for each costs seconds where Intl's parts cost milliseconds.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant as CSV text in `timeZone` (a valid IANA zone), formatted in JavaScript: 2026-12-01 14:05:00. */
export function formatCsvDateTime(
  value: Date | string | null | undefined,
  timeZone: string,
): string {
  if (value === null || value === undefined || value === '') return '';
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const date = new Date(value);
  // An old log entry may hold text that is no instant: show it as it was rather than fail the file.
  if (Number.isNaN(date.getTime())) return String(value);
  const part: Record<string, string> = {};
  for (const { type, value: text } of formatter.formatToParts(date)) part[type] = text;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

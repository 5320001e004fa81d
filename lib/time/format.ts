// How a date and a clock time are spelled, the same in every format below.
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const CLOCK: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** "Nov 28, 2026, 14:05 CST" in the viewer's time zone: every time a person reads is theirs. */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat('en-US', { timeZone, ...DAY, ...CLOCK }).format(new Date(value));
}

export function formatTime(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, ...CLOCK }).format(value);
}

/** "Nov 28, 2026" as a date in the viewer's time zone. */
export function formatDate(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat('en-US', { timeZone, ...DAY }).format(new Date(value));
}

import { TZDate } from '@date-fns/tz';

/**
 * A <input type="datetime-local"> value ("2026-12-01T17:00") typed by someone in `timeZone`,
 * as an ISO instant; "" stays null. Throws on anything else.
 */
export function localInputToIso(value: string, timeZone: string): string | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`not a local date and time: ${value}`);
  const [, y, mo, d, h, mi] = match.map(Number);
  return new Date(new TZDate(y, mo - 1, d, h, mi, 0, timeZone).getTime()).toISOString();
}

/** The reverse, for pre-filling the input: an instant shown as local time in `timeZone`. */
export function isoToLocalInput(value: Date | null, timeZone: string): string {
  if (!value) return '';
  const local = new TZDate(value.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';

/** "2026-11-28T14:05:00-06:00": an instant as ISO 8601 with the viewer's own offset. */
export function isoInZone(value: Date | null | undefined, timeZone: string): string {
  return value ? formatISO(new TZDate(value.getTime(), timeZone)) : '';
}

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isValidTimeZone } from '@/lib/time/time-zones';

/** Never cached, never sniffed into something runnable; named vigil-schedules-20261128-1405.csv in the viewer's zone. */
export function scheduleCsvHeaders(
  now: Date,
  timeZone: string,
  what: 'schedules' | 'schedule-periods' = 'schedules',
): HeadersInit {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="vigil-${what}-${format(new TZDate(now.getTime(), zone), 'yyyyMMdd-HHmm')}.csv"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

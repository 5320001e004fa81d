import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isValidTimeZone } from '@/lib/time/time-zones';

/** The headers of a CSV download: never cached, never sniffed into something runnable. */
export function csvDownloadHeaders(fileName: string): HeadersInit {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** vigil-incidents-20261128-1405.csv: a list's export, the time in the viewer's zone. */
export function csvExportFileName(what: string, now: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return `vigil-${what}-${format(new TZDate(now.getTime(), zone), 'yyyyMMdd-HHmm')}.csv`;
}

import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay, format, isWeekend } from 'date-fns';
import type { Severity } from '@/db/schema';

// How soon someone must respond, by severity: High and Medium in elapsed hours (a clock
// that does not care about weekends); Low and None by the end of the next business day
// in the organization's time zone.
export const RESPONSE_HOURS: Partial<Record<Severity, number>> = { high: 2, medium: 12 };

/** Share of the response time after which an incident counts as "at risk". */
export const AT_RISK_FRACTION = 0.75;

export type BusinessCalendar = {
  timeZone: string;
  /** Holidays as local dates, 'YYYY-MM-DD'. */
  holidays: ReadonlySet<string>;
};

export function isBusinessDay(day: Date, calendar: BusinessCalendar): boolean {
  return !isWeekend(day) && !calendar.holidays.has(format(day, 'yyyy-MM-dd'));
}

export function computeResponseDue(
  openedAt: Date,
  severity: Severity,
  calendar: BusinessCalendar,
): Date {
  const hours = RESPONSE_HOURS[severity];
  if (hours !== undefined) return new Date(openedAt.getTime() + hours * 3_600_000);

  // Work on the local calendar day: TZDate keeps day arithmetic right across DST changes.
  let day = addDays(new TZDate(openedAt.getTime(), calendar.timeZone), 1);
  for (let guard = 0; !isBusinessDay(day, calendar); guard++) {
    if (guard > 366) throw new Error('no business day within a year: check the holiday calendar');
    day = addDays(day, 1);
  }
  return new Date(endOfDay(day).getTime());
}

export type ResponseClock =
  | { status: 'met'; respondedAt: Date; late: boolean }
  | { status: 'on-track' | 'at-risk'; remainingMs: number }
  | { status: 'breached'; overdueMs: number };

/** Where an incident stands against its response target at `now`. */
export function responseClock(
  incident: { createdAt: Date; responseDueAt: Date; respondedAt: Date | null },
  now: Date,
): ResponseClock {
  const due = incident.responseDueAt.getTime();
  if (incident.respondedAt) {
    return {
      status: 'met',
      respondedAt: incident.respondedAt,
      late: incident.respondedAt.getTime() > due,
    };
  }
  const remainingMs = due - now.getTime();
  if (remainingMs < 0) return { status: 'breached', overdueMs: -remainingMs };
  return { status: atRiskFrom(incident) <= now.getTime() ? 'at-risk' : 'on-track', remainingMs };
}

/** The moment an unanswered incident becomes at risk (75 % of its time used). */
export function atRiskFrom(incident: { createdAt: Date; responseDueAt: Date }): number {
  const start = incident.createdAt.getTime();
  return start + (incident.responseDueAt.getTime() - start) * AT_RISK_FRACTION;
}

/** "1 h 20 min", "2 d 3 h": a duration a person reads at a glance. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

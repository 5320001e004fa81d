import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { FeedEvent } from './feed-events';
import { vtimezone } from './vtimezone';

// A feed as iCalendar text (RFC 5545), written by ical-generator. Times go in as TZDate, so
// ical-generator writes each DTSTART as the wall clock of its event's zone; the calendar
// itself names no zone, which keeps DTSTAMP and LAST-MODIFIED in UTC as RFC 5545 requires.

const YEAR_MS = 366 * 86_400_000;

export type FeedCalendar = { name: string; description: string; events: FeedEvent[] };

/** The span the VTIMEZONEs cover: a year either side of the events, so a client can show them and their neighbours. */
function zoneSpan(events: FeedEvent[]): { from: Date; to: Date } {
  const times = events.map((e) => e.start.getTime());
  return {
    from: new Date(Math.min(...times) - YEAR_MS),
    to: new Date(Math.max(...times) + YEAR_MS),
  };
}

export function renderFeed({ name, description, events }: FeedCalendar): string {
  const span = events.length ? zoneSpan(events) : undefined;
  const calendar = ical({
    prodId: { company: 'Vigil', product: 'Calendar feed', language: 'EN' },
    name,
    description,
    // Suggested refresh interval (X-PUBLISHED-TTL, REFRESH-INTERVAL) for clients that read it.
    ttl: 60 * 60,
    timezone: {
      name: null,
      generator: (zone) => (span ? vtimezone(zone, span.from, span.to) : null),
    },
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      start: new TZDate(event.start.getTime(), event.timeZone),
      timezone: event.timeZone,
      allDay: event.allDay,
      summary: event.summary,
      description: event.description,
      url: event.url,
      status: ICalEventStatus[event.status],
      // A due date or a planned review is no appointment: it does not make anyone busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      sequence: event.sequence,
      // A feed has no METHOD, so DTSTAMP is when the item last changed (RFC 5545 §3.8.7.2):
      // two fetches of an unchanged feed are the same bytes.
      stamp: event.lastModified,
      lastModified: event.lastModified,
    });
  }
  return calendar.toString();
}

import type { OpenApiFragment } from '@/lib/api/openapi-parts';
import { errors } from '@/lib/api/openapi-problem';
import { OCCURRENCE_HORIZON_DAYS, TASK_WINDOW_DAYS } from './feed-items';

// The calendar feeds' paths in /api/v1/openapi.json (lib/api/openapi.ts spreads them in).
// The secret in the path is the credential, so they take no bearer token: security [].

const secretParameter = (where: string) => ({
  name: 'file',
  in: 'path',
  required: true,
  description: `The feed's secret followed by \`.ics\`: the secret is shown once when the feed is made (${where}). An unknown or revoked one is a 404.`,
  schema: { type: 'string', pattern: '^vcal_[A-Za-z0-9_-]{43}\\.ics$' },
  example: 'vcal_3q2-7wEXAMPLEsecretXXXXXXXXXXXXXXXXXXXXXXXX.ics',
});

const icalendar = (description: string) => ({
  description,
  headers: {
    'Cache-Control': { schema: { type: 'string' }, description: 'private, max-age=300' },
    ETag: { schema: { type: 'string' }, description: 'Send it back as If-None-Match for a 304.' },
  },
  content: { 'text/calendar': { schema: { type: 'string' } } },
});

const feed = (operationId: string, summary: string, description: string, where: string) => ({
  get: {
    operationId,
    summary,
    description,
    tags: ['Calendar feeds'],
    security: [],
    parameters: [secretParameter(where)],
    responses: {
      200: icalendar('iCalendar (RFC 5545): one VEVENT per item, with a VTIMEZONE per zone used.'),
      304: { description: 'Unchanged since the ETag sent in If-None-Match.' },
      ...errors(404),
    },
  },
});

export const CALENDAR_API: OpenApiFragment = {
  paths: {
    '/api/v1/calendar/people/{file}': feed(
      'getPersonCalendarFeed',
      "A person's calendar feed",
      `The due dates of the open tasks the person owns (themselves or through a team) or watches, within ${TASK_WINDOW_DAYS} days either side of now, and the occurrences of the next ${OCCURRENCE_HORIZON_DAYS} days of the active schedules they own or watch.`,
      'Settings → Your profile → Calendar feed',
    ),
    '/api/v1/calendar/schedules/{file}': feed(
      'getScheduleCalendarFeed',
      "A schedule's calendar feed",
      `The occurrences of the next ${OCCURRENCE_HORIZON_DAYS} days of one schedule, and the due dates of its open tasks: a feed for the team that does the work.`,
      "the schedule's page → Calendar feed",
    ),
  },
  schemas: {},
};

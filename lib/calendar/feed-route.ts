import { createHash } from 'node:crypto';
import { getDb } from '@/db/client';
import { apiProblem } from '@/lib/api/with-api-auth';
import { requestIdsFrom, REQUEST_ID_HEADER } from '@/lib/http/request-id';
import { withRequestLog } from '@/lib/http/request-log';
import { log } from '@/lib/log';
import { getPersonFeedEvents, getScheduleFeedEvents } from './feed-items';
import { secretFromFileName, type FeedKind } from './feed-secret';
import { findPersonFeed, findScheduleFeed } from './find-feed';
import { publicBaseUrl } from './public-url';
import { renderFeed, type FeedCalendar } from './render-feed';

// GET /api/v1/calendar/{people|schedules}/{secret}.ics: the secret in the path is the only
// credential (calendar clients send no headers of their own), so it never reaches a log.

type Context = { params: Promise<{ file: string }> };

async function loadCalendar(
  kind: FeedKind,
  secret: string,
  baseUrl: string,
): Promise<FeedCalendar | undefined> {
  const db = getDb();
  if (kind === 'people') {
    const person = await findPersonFeed(db, secret);
    if (!person) return undefined;
    return {
      name: `Vigil: ${person.name}`,
      description: `Due dates of the open tasks ${person.name} owns or watches, and the next occurrences of their schedules.`,
      events: await getPersonFeedEvents(db, person, baseUrl),
    };
  }
  const schedule = await findScheduleFeed(db, secret);
  if (!schedule) return undefined;
  return {
    name: `Vigil: ${schedule.name}`,
    description: `The next occurrences of the schedule "${schedule.name}" and the due dates of its open tasks.`,
    events: await getScheduleFeedEvents(db, schedule, baseUrl),
  };
}

async function answer(kind: FeedKind, request: Request, context: Context, requestId: string) {
  const notFound = () =>
    apiProblem({
      status: 404,
      message: 'No calendar feed has this address: it was revoked or never existed.',
      requestId,
    });
  const secret = secretFromFileName((await context.params).file);
  if (!secret) return notFound();
  const calendar = await loadCalendar(kind, secret, publicBaseUrl());
  if (!calendar) return notFound();
  const body = renderFeed(calendar);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `inline; filename="vigil-${kind === 'people' ? 'tasks' : 'schedule'}.ics"`,
    // Private: the URL is a credential, so no shared cache may keep the answer; a client
    // may reuse it for five minutes, and revalidates cheaply with the ETag after that.
    'Cache-Control': 'private, max-age=300',
    ETag: etag,
    'X-Robots-Tag': 'noindex',
    'Referrer-Policy': 'no-referrer',
  };
  if (request.headers.get('if-none-match') === etag)
    return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}

export function calendarFeedRoute(kind: FeedKind) {
  return async (request: Request, context: Context): Promise<Response> => {
    const ids = requestIdsFrom(request.headers);
    return withRequestLog(ids, async () => {
      const started = performance.now();
      let response: Response;
      try {
        response = await answer(kind, request, context, ids.requestId);
      } catch (error) {
        log('error', 'calendar feed failed', { kind, error });
        response = apiProblem({
          status: 500,
          message: 'Something went wrong on our side.',
          requestId: ids.requestId,
        });
      }
      response.headers.set(REQUEST_ID_HEADER, ids.requestId);
      log('info', 'API request', {
        method: request.method,
        path: `/api/v1/calendar/${kind}/{secret}.ics`,
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
      return response;
    });
  };
}

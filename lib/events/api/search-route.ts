import type { UserActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { problemResponse } from '@/lib/api/problem';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { EventQuerySyntaxError } from '../query/parse';
import { parseEventSearchParams, type EventSearchParams } from '../search-params';

/**
 * The event search routes of /api/v1 (search, histogram, CSV): a token whose user may view
 * events, the search read by the page's own parser (unknown parameters refused; times without
 * an offset are UTC), and a query that does not parse answered 400 with where and what.
 */
export function eventSearchRoute(
  handler: (params: EventSearchParams, actor: UserActor, request: Request) => Promise<Response>,
) {
  return withApiAuth(async (request, actor) => {
    assertCan(actor, 'events.view');
    let params: EventSearchParams;
    try {
      params = parseEventSearchParams(new URL(request.url).searchParams, {
        timeZone: 'UTC',
        strict: true,
      });
    } catch (error) {
      if (!(error instanceof EventQuerySyntaxError)) throw error;
      return querySyntaxError(error, actor.requestId, new URL(request.url).pathname);
    }
    return handler(params, actor, request);
  });
}

/** A 400 problem; `position` and `expected` are its own members, for editors that point at the spot. */
export function querySyntaxError(
  error: EventQuerySyntaxError,
  requestId?: string,
  instance?: string,
): Response {
  return problemResponse({
    status: 400,
    detail: `The query does not parse. ${error.message}`,
    errors: error.fieldErrors,
    extensions: { position: error.position, expected: error.expected },
    requestId,
    instance,
  });
}

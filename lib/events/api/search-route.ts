import type { UserActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
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
      return querySyntaxError(error, actor.requestId);
    }
    return handler(params, actor, request);
  });
}

export function querySyntaxError(error: EventQuerySyntaxError, requestId?: string): Response {
  return Response.json(
    {
      error: `The query does not parse. ${error.message}`,
      position: error.position,
      expected: error.expected,
      fields: error.fieldErrors,
      requestId,
    },
    { status: 400, headers: { 'Cache-Control': 'no-store' } },
  );
}

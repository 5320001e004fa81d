import { getDb } from '@/db/client';
import { authenticateApiToken } from '@/lib/auth/api-tokens';
import type { UserActor } from '@/lib/auth/actor';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { isDomainError, ValidationError } from '@/lib/errors';
import { REQUEST_ID_HEADER, requestIdsFrom } from '@/lib/http/request-id';
import { withRequestLog } from '@/lib/http/request-log';
import { log } from '@/lib/log';

type Handler<C> = (request: Request, actor: UserActor, context: C) => Promise<Response>;

function problem(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Every /api/v1 route goes through here: a bearer token makes the actor (acting with its
 * user's role); expected failures become 4xx JSON with the fields at fault; anything else is
 * logged under a request id and answered without internals. The id is the server's (see
 * lib/http/request-id.ts); every line logged while the request runs carries it, and so does
 * the response's X-Request-Id.
 */
export function withApiAuth<C>(handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const ids = requestIdsFrom(request.headers);
    return withRequestLog(ids, async () => {
      const started = performance.now();
      const response = await authenticated(handler, request, context, ids.requestId);
      try {
        response.headers.set(REQUEST_ID_HEADER, ids.requestId);
      } catch {
        // A response with immutable headers (passed on from fetch) keeps the id in the log only.
      }
      const path = new URL(request.url).pathname;
      log('info', 'API request', {
        method: request.method,
        path,
        status: response.status,
        ms: Math.round(performance.now() - started),
      });
      return response;
    });
  };
}

async function authenticated<C>(
  handler: Handler<C>,
  request: Request,
  context: C,
  requestId: string,
): Promise<Response> {
  try {
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      return problem(401, 'Send an API token as "Authorization: Bearer <token>".', { requestId });
    }
    const user = await authenticateApiToken(getDb(), match[1]);
    if (!user)
      return problem(401, 'This API token is not valid, revoked, or its user is deactivated.', {
        requestId,
      });
    const actor: UserActor = {
      ...user,
      requestId,
      clientAddress: clientAddressFrom(request.headers) ?? undefined,
    };
    return await handler(request, actor, context);
  } catch (error) {
    if (error instanceof ValidationError)
      return problem(400, error.message, { fields: error.fieldErrors, requestId });
    if (isDomainError(error)) return problem(error.status, error.message, { requestId });
    log('error', 'API request failed', { path: new URL(request.url).pathname, error });
    return problem(500, 'Something went wrong on our side.', { requestId });
  }
}

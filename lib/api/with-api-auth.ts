import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { authenticateApiToken } from '@/lib/auth/api-tokens';
import type { UserActor } from '@/lib/auth/actor';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { isDomainError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';

type Handler<C> = (request: Request, actor: UserActor, context: C) => Promise<Response>;

function problem(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Every /api/v1 route goes through here: a bearer token makes the actor (acting with its
 * user's role); expected failures become 4xx JSON with the fields at fault; anything else is
 * logged under a request id and answered without internals.
 */
export function withApiAuth<C>(handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const requestId = request.headers.get('x-request-id') ?? randomUUID();
    const header = request.headers.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      return problem(401, 'Send an API token as "Authorization: Bearer <token>".', { requestId });
    }
    const user = await authenticateApiToken(getDb(), match[1]);
    if (!user) return problem(401, 'This API token is not valid, revoked, or its user is deactivated.', { requestId });
    const actor: UserActor = { ...user, requestId, clientAddress: clientAddressFrom(request.headers) ?? undefined };
    try {
      return await handler(request, actor, context);
    } catch (error) {
      if (error instanceof ValidationError) return problem(400, error.message, { fields: error.fieldErrors, requestId });
      if (isDomainError(error)) return problem(error.status, error.message, { requestId });
      log('error', 'API request failed', { requestId, path: new URL(request.url).pathname, error });
      return problem(500, 'Something went wrong on our side.', { requestId });
    }
  };
}

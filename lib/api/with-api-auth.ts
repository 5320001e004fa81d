import { getDb } from '@/db/client';
import { API_TOKEN_SCOPE_HINTS, type ApiTokenScope } from '@/lib/auth/api-token-scopes';
import { checkApiToken, hashToken, type AuthenticatedToken } from '@/lib/auth/api-tokens';
import type { UserActor } from '@/lib/auth/actor';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { isDomainError, ValidationError } from '@/lib/errors';
import { REQUEST_ID_HEADER, requestIdsFrom } from '@/lib/http/request-id';
import { withRequestLog } from '@/lib/http/request-log';
import { log } from '@/lib/log';
import { CONTROL_MESSAGE, hasNoControlCharacters } from '@/lib/validation';
import { instanceOf, problemResponse } from './problem';
import { countRequest, type RateFamily } from './rate-limit';

type Handler<C> = (request: Request, actor: UserActor, context: C) => Promise<Response>;

export type Problem = {
  status: number;
  message: string;
  requestId: string;
  fields?: Record<string, string>;
  /** The request's path, for the problem's `instance`. */
  instance?: string;
};

/** How a family of routes finds its token, which tokens it takes, and how it answers a refusal. */
export type TokenAuth = {
  /** The token the request carries, or the message of the 401 when it carries none usable. */
  readToken(request: Request): { token: string } | { missing: string };
  /** Null when the token (its scopes, its user's role) may make this call; else the 403's message. */
  refuse(token: AuthenticatedToken, request: Request): string | null;
  /** Sent with every 401, as HTTP asks: the ways a client may authenticate. */
  challenge: string;
  /** Whose rate the token's requests count against (lib/api/rate-limit.ts). */
  rateFamily: RateFamily;
  problem(problem: Problem): Response;
};

function jsonProblem({ status, message, requestId, fields, instance }: Problem): Response {
  return problemResponse({ status, detail: message, errors: fields, requestId, instance });
}

/** The /api/v1 answer to a refusal: an RFC 9457 problem (lib/api/problem.ts). */
export const apiProblem = jsonProblem;

/** What a route of /api/v1 needs beyond the method's own scope (read or write). */
export type ApiRouteOptions = {
  /** 'admin' for the routes only administrators may use, whatever the method. */
  scope?: 'admin';
};

function apiAuth(options: ApiRouteOptions): TokenAuth {
  return {
    readToken(request) {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
      return match
        ? { token: match[1] }
        : { missing: 'Send an API token as "Authorization: Bearer <token>".' };
    },
    refuse(token, request) {
      return missingScopeMessage(token, requiredScope(request.method, options));
    },
    challenge: 'Bearer realm="Vigil"',
    rateFamily: 'api',
    problem: jsonProblem,
  };
}

/** GET and HEAD read; every other method writes; an admin route needs admin for both. */
export function requiredScope(method: string, options: ApiRouteOptions = {}): ApiTokenScope {
  if (options.scope) return options.scope;
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

/** The 403's message naming the scope the token lacks, or null when it holds it. */
export function missingScopeMessage(
  token: AuthenticatedToken,
  needed: ApiTokenScope,
): string | null {
  if (token.tokenScopes.includes(needed)) return null;
  return (
    `This token lacks the scope "${needed}" (${API_TOKEN_SCOPE_HINTS[needed]}); ` +
    `it has ${token.tokenScopes.map((s) => `"${s}"`).join(', ')}. ` +
    'Create a token with that scope under Settings → API tokens.'
  );
}

/**
 * Every /api/v1 route goes through here: a bearer token holding the scope the call needs
 * (requiredScope) makes the actor (acting with its user's role), within its rate (429 past it);
 * expected failures become 4xx problems with the fields at fault (a control character in a
 * query parameter is one); anything else is logged under a request id and answered without
 * internals. The id is the server's (see lib/http/request-id.ts); every line logged while the
 * request runs carries it, and so does the response's X-Request-Id.
 */
export function withApiAuth<C>(handler: Handler<C>, options: ApiRouteOptions = {}) {
  return withTokenAuth(apiAuth(options), handler);
}

/** As withApiAuth, with another way of finding and admitting tokens (lib/api/with-ingest-auth.ts). */
export function withTokenAuth<C>(auth: TokenAuth, handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    const ids = requestIdsFrom(request.headers);
    return withRequestLog(ids, async () => {
      const started = performance.now();
      const response = await authenticated(auth, handler, request, context, ids.requestId);
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
  auth: TokenAuth,
  handler: Handler<C>,
  request: Request,
  context: C,
  requestId: string,
): Promise<Response> {
  const instance = instanceOf(request);
  const problem = (status: number, message: string, fields?: Record<string, string>) =>
    auth.problem({ status, message, fields, requestId, instance });
  const unauthorized = (message: string) => {
    const response = problem(401, message);
    response.headers.set('WWW-Authenticate', auth.challenge);
    return response;
  };
  try {
    const found = auth.readToken(request);
    if ('missing' in found) return unauthorized(found.missing);
    const clientAddress = clientAddressFrom(request.headers);
    const check = await checkApiToken(getDb(), found.token, clientAddress);
    if (!check.ok && check.reason === 'expired')
      return unauthorized(
        `This API token expired on ${check.expiredAt.toISOString()} (token expired); ` +
          'create a new one under Settings → API tokens.',
      );
    if (!check.ok)
      return unauthorized('This API token is not valid, revoked, or its user is deactivated.');
    const authenticatedToken = check.token;
    const refusal = auth.refuse(authenticatedToken, request);
    if (refusal) return problem(403, refusal);
    const rate = await countRequest(auth.rateFamily, hashToken(found.token));
    if (rate.limited) {
      const response = problem(
        429,
        `This token sent more than ${rate.limit} requests this minute; ` +
          `try again in ${rate.retryAfterSeconds} s.`,
      );
      response.headers.set('Retry-After', String(rate.retryAfterSeconds));
      return response;
    }
    const badParameters = controlCharacterParameters(request);
    if (badParameters) return problem(400, badParameters.message, badParameters.fields);
    const { tokenScopes: _scopes, ...user } = authenticatedToken;
    const actor: UserActor = { ...user, requestId, clientAddress: clientAddress ?? undefined };
    return await handler(request, actor, context);
  } catch (error) {
    if (error instanceof ValidationError) return problem(400, error.message, error.fieldErrors);
    if (isDomainError(error)) return problem(error.status, error.message);
    log('error', 'API request failed', { path: instance, error });
    return problem(500, 'Something went wrong on our side.');
  }
}

/** Query parameters holding a control character (lib/validation.ts), each named; null when none do. */
function controlCharacterParameters(
  request: Request,
): { message: string; fields: Record<string, string> } | null {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams)
    if (!hasNoControlCharacters(name)) fields[JSON.stringify(name)] = CONTROL_MESSAGE;
    else if (!hasNoControlCharacters(value)) fields[name] = CONTROL_MESSAGE;
  const names = Object.keys(fields);
  if (!names.length) return null;
  return { message: `Control characters in the query parameter ${names.join(', ')}.`, fields };
}

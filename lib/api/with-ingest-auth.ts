import type { UserActor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { requestIdsFrom } from '@/lib/http/request-id';
import { isCrossSiteBrowserRequest } from '@/lib/http/same-origin';
import { INGEST_CHALLENGE, ingestTokenFrom, MISSING_INGEST_TOKEN } from './ingest-credentials';
import {
  apiProblem,
  missingScopeMessage,
  withTokenAuth,
  type Problem,
  type TokenAuth,
} from './with-api-auth';

type Handler<C> = (request: Request, actor: UserActor, context: C) => Promise<Response>;

/**
 * Routes that receive log events: a token with the `events:ingest` scope whose user may send
 * events ('events.ingest'), presented in any form a shipper sends
 * (lib/api/ingest-credentials.ts), counted against the ingest rate (lib/api/rate-limit.ts).
 * Refusals are answered in the family's own shape: /api/v1's problems (lib/api/problem.ts)
 * by default, Elasticsearch's error body for /api/ingest/es, which shippers' clients read.
 */
export function withIngestAuth<C>(
  handler: Handler<C>,
  problem: (problem: Problem) => Response = apiProblem,
) {
  const auth: TokenAuth = {
    readToken(request) {
      const token = ingestTokenFrom(request.headers.get('authorization'));
      return token ? { token } : { missing: MISSING_INGEST_TOKEN };
    },
    refuse(token) {
      const missing = missingScopeMessage(token, 'events:ingest');
      if (missing) return missing;
      if (can(token, 'events.ingest')) return null;
      return (
        `This token's user is a ${ROLE_LABELS[token.role]}, who may not send log events; ` +
        'use a token of an Administrator or Power User.'
      );
    },
    challenge: INGEST_CHALLENGE,
    rateFamily: 'ingest',
    problem,
  };
  const authenticated = withTokenAuth(auth, handler);
  // Basic credentials are replayed by a browser that once prompted for them: a form on
  // another site must not send log events with them.
  return async (request: Request, context: C): Promise<Response> => {
    if (!isCrossSiteBrowserRequest(request)) return authenticated(request, context);
    const { requestId } = requestIdsFrom(request.headers);
    return problem({ status: 403, message: 'Cross-site request refused.', requestId });
  };
}

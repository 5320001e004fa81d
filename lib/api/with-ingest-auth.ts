import type { UserActor } from '@/lib/auth/actor';
import { withApiAuth } from './with-api-auth';

type Handler<C> = (request: Request, actor: UserActor, context: C) => Promise<Response>;

/**
 * Routes that receive log events: an `events:ingest` token or a full API token whose user may
 * ingest. First version: bearer tokens only, like every /api/v1 route. The shipper work adds
 * the basic-auth and `ApiKey` forms and the scope check.
 */
export function withIngestAuth<C>(handler: Handler<C>) {
  return withApiAuth(handler);
}

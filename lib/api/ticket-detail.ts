import { getDb, type DbOrTx } from '@/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import type { TicketKind } from '@/lib/tickets/ticket-kind';
import { withVersionEtag } from './etag';
import { resolveTicketId, type TicketRouteContext } from './resolve-ticket';
import { withApiAuth } from './with-api-auth';

/** A ticket's detail after a write; a 404 only if it vanished between resolving its number and reading it. */
export async function loadDetailOr404<T>(
  kind: TicketKind,
  id: string,
  load: (db: DbOrTx, where: { id: string }) => Promise<T | undefined>,
): Promise<T> {
  const detail = await load(getDb(), { id });
  if (!detail) throw new NotFoundError(`That ${kind.noun} does not exist.`);
  return detail;
}

/** GET /api/v1/{kind}/{number}: the ticket with its relations, its version as the ETag. */
export function apiShowRoute<T>(
  kind: TicketKind,
  load: (db: DbOrTx, where: { id: string }) => Promise<T | undefined>,
  toJson: (detail: T) => { version: number },
) {
  return withApiAuth<TicketRouteContext>(async (_request, actor, context) => {
    assertCan(actor, kind.permissions.view);
    const { id } = await resolveTicketId(getDb(), kind, context);
    const json = toJson(await loadDetailOr404(kind, id, load));
    return withVersionEtag(
      Response.json(json, { headers: { 'Cache-Control': 'no-store' } }),
      json.version,
    );
  });
}

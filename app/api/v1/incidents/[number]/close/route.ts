import { getDb } from '@/db/client';
import { closeIncidentBody } from '@/lib/api/close-requests';
import { ifMatchFor, ticketVersion, withVersionEtag } from '@/lib/api/etag';
import { toIncidentJson } from '@/lib/api/incident-json';
import { readJsonBody } from '@/lib/api/read-json';
import { resolveIncidentId, type IncidentRouteContext } from '@/lib/api/resolve-incident';
import { loadDetailOr404 } from '@/lib/api/ticket-detail';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { parseInput } from '@/lib/validation';

/**
 * Closes one incident with its closing note, as POST /tasks/{number}/close closes a task.
 * Without "from", it closes from the state at the version sent (in the body or as
 * If-Match): the version guards it, and an incident already closed at that version stays so.
 */
export const POST = withApiAuth<IncidentRouteContext>(async (request, actor, context) => {
  assertCan(actor, 'tickets.work');
  const db = getDb();
  const { id } = await resolveIncidentId(db, context);
  const ifMatch = ifMatchFor(request, () => ticketVersion(db, incidentKind, id));
  const body = parseInput(closeIncidentBody, await ifMatch.body(await readJsonBody(request)));
  const write = db.transaction(async (tx) => {
    const current = await loadTicketForUpdate(tx, incidentKind, actor, id, body.version);
    if (!body.from && current.state === 'closed') return;
    await changeIncidentState(tx, actor, id, {
      version: body.version,
      from: body.from ?? current.state,
      to: 'closed',
      note: body.note,
    });
  });
  await ifMatch.guard(write);
  const json = toIncidentJson(await loadDetailOr404(incidentKind, id, getIncidentDetail));
  return withVersionEtag(Response.json(json), json.version);
});

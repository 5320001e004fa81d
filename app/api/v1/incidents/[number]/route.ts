import { getDb } from '@/db/client';
import { toIncidentJson } from '@/lib/api/incident-json';
import { patchIncidentBody, type PatchIncidentBody } from '@/lib/api/incident-requests';
import { ifMatchFor, ticketVersion, withVersionEtag } from '@/lib/api/etag';
import { readJsonBody } from '@/lib/api/read-json';
import { resolveIncidentId, type IncidentRouteContext } from '@/lib/api/resolve-incident';
import { apiShowRoute, loadDetailOr404 } from '@/lib/api/ticket-detail';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { assertCan } from '@/lib/auth/permissions';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { parseInput } from '@/lib/validation';

export const GET = apiShowRoute(incidentKind, getIncidentDetail, (detail) =>
  toIncidentJson(detail),
);

/**
 * Fields and a state change in one request, applied together or not at all: the fields
 * first (checking the version, from the body or If-Match), then the move, against the version the first step left.
 * Without "from", the move starts from the state at the version sent: the version guards
 * it. Moving to the state it is already in changes nothing (clients echo `state` back).
 */
export const PATCH = withApiAuth<IncidentRouteContext>(async (request, actor, context) => {
  // Checked before the body is read so a read-only token hears 403 whatever it sends.
  assertCan(actor, 'tickets.work');
  const db = getDb();
  const { id } = await resolveIncidentId(db, context);
  const ifMatch = ifMatchFor(request, () => ticketVersion(db, incidentKind, id));
  const body = await ifMatch.body(await readJsonBody(request));
  parseInput(patchIncidentBody, body);
  // The domain functions parse again (owner strings become columns): they get the raw input.
  const { to, from, state, note, ...fields } = body as PatchIncidentBody;
  const write = db.transaction(async (tx) => {
    const updated = await updateIncident(tx, actor, id, fields);
    const target = to ?? state;
    if (target === undefined || (from === undefined && target === updated.state)) return;
    await changeIncidentState(tx, actor, id, {
      version: updated.version,
      from: from ?? updated.state,
      to: target,
      note,
    });
  });
  await ifMatch.guard(write);
  const json = toIncidentJson(await loadDetailOr404(incidentKind, id, getIncidentDetail));
  return withVersionEtag(Response.json(json), json.version);
});

import { getDb } from '@/db/client';
import { toIncidentJson } from '@/lib/api/incident-json';
import { patchIncidentBody, type PatchIncidentBody } from '@/lib/api/incident-requests';
import { readJsonBody } from '@/lib/api/read-json';
import { resolveIncidentId, type IncidentRouteContext } from '@/lib/api/resolve-incident';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';

export const GET = withApiAuth<IncidentRouteContext>(async (_request, actor, context) => {
  assertCan(actor, 'tickets.view');
  const db = getDb();
  const { id } = await resolveIncidentId(db, context);
  return Response.json(toIncidentJson(await loadDetail(id)), { headers: { 'Cache-Control': 'no-store' } });
});

/**
 * Fields and a state change in one request, applied together or not at all: the fields
 * first (checking the version), then the move, against the version the first step left.
 * Without "from", the move starts from the state at the version sent: the version guards
 * it. Moving to the state it is already in changes nothing (clients echo `state` back).
 */
export const PATCH = withApiAuth<IncidentRouteContext>(async (request, actor, context) => {
  // Checked before the body is read so a read-only token hears 403 whatever it sends.
  assertCan(actor, 'tickets.work');
  const db = getDb();
  const { id } = await resolveIncidentId(db, context);
  const body = await readJsonBody(request);
  parseInput(patchIncidentBody, body);
  // The domain functions parse again (owner strings become columns): they get the raw input.
  const { to, from, state, note, ...fields } = body as PatchIncidentBody;
  await db.transaction(async (tx) => {
    const updated = await updateIncident(tx, actor, id, fields);
    const target = to ?? state;
    if (target === undefined || (from === undefined && target === updated.state)) return;
    await changeIncidentState(tx, actor, id, { version: updated.version, from: from ?? updated.state, to: target, note });
  });
  return Response.json(toIncidentJson(await loadDetail(id)));
});

async function loadDetail(id: string) {
  const detail = await getIncidentDetail(getDb(), { id });
  // Only if it vanished between resolving the number and reading it.
  if (!detail) throw new NotFoundError('That incident does not exist.');
  return detail;
}

import { getDb } from '@/db/client';
import { addIncidentEventsBody, toIncidentEventsJson } from '@/lib/api/incident-events-json';
import { readJsonBody } from '@/lib/api/read-json';
import { resolveIncidentId, type IncidentRouteContext } from '@/lib/api/resolve-incident';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { addEventsToIncident, getIncidentEvents } from '@/lib/incidents/event-evidence';
import type { EventEvidenceInput } from '@/lib/incidents/event-evidence-input';
import { incidentNumberLabel } from '@/lib/incidents/schemas';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/api/method-not-allowed';

export const GET = withApiAuth<IncidentRouteContext>(async (_request, actor, context) => {
  assertCan(actor, 'tickets.view');
  const db = getDb();
  const { id, number } = await resolveIncidentId(db, context);
  return Response.json(toIncidentEventsJson(number, await getIncidentEvents(db, id)));
});

export const POST = withApiAuth<IncidentRouteContext>(async (request, actor, context) => {
  // Checked before the body is read so a read-only token hears 403 whatever it sends.
  assertCan(actor, 'tickets.work');
  const db = getDb();
  const { id, number } = await resolveIncidentId(db, context);
  const body = await readJsonBody(request);
  parseInput(addIncidentEventsBody, body);
  const { added, skipped } = await addEventsToIncident(db, actor, id, body as EventEvidenceInput);
  return Response.json(
    { number: incidentNumberLabel(number), added, skipped },
    { status: added ? 201 : 200 },
  );
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');

import { getDb } from '@/db/client';
import { toNoteJson } from '@/lib/api/incident-json';
import { noteBody } from '@/lib/api/incident-requests';
import { readJsonBody } from '@/lib/api/read-json';
import { resolveIncidentId, type IncidentRouteContext } from '@/lib/api/resolve-incident';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { addIncidentNote } from '@/lib/incidents/evidence';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/api/method-not-allowed';

export const POST = withApiAuth<IncidentRouteContext>(async (request, actor, context) => {
  assertCan(actor, 'tickets.work');
  const db = getDb();
  const { id, number } = await resolveIncidentId(db, context);
  const body = parseInput(noteBody, await readJsonBody(request));
  const note = await addIncidentNote(db, actor, id, body);
  return Response.json(toNoteJson(note, number), { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');

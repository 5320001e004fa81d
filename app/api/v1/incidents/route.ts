import { getDb } from '@/db/client';
import { listRowJson, toIncidentJson, type CreatedIncidentJson } from '@/lib/api/incident-json';
import { createIncidentBody } from '@/lib/api/incident-requests';
import { parseListQuery } from '@/lib/api/list-query';
import { readJsonBody } from '@/lib/api/read-json';
import { apiListRoute } from '@/lib/api/ticket-list-route';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { createIncident } from '@/lib/incidents/create-incident';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { countIncidents, getIncidentPage } from '@/lib/incidents/get-incidents';
import { incidentNumberLabel, type CreateIncidentInput } from '@/lib/incidents/schemas';
import { parseInput } from '@/lib/validation';
import { otherMethods } from '@/lib/api/method-not-allowed';

export const GET = apiListRoute({
  parse: (searchParams, viewer, extra) => parseListQuery(searchParams, viewer, { extra }),
  page: getIncidentPage,
  count: countIncidents,
  rowJson: listRowJson,
});

/**
 * Opens an incident (201 and its Location). An alert whose dedupeKey belongs to an open
 * incident is absorbed by it instead: 200 with that incident and `deduplicated: true`.
 */
export const POST = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.work');
  const body = await readJsonBody(request);
  parseInput(createIncidentBody, body);
  const db = getDb();
  const { incident, deduplicated } = await createIncident(db, actor, body as CreateIncidentInput);
  const detail = await getIncidentDetail(db, { id: incident.id });
  const json: CreatedIncidentJson = { ...toIncidentJson(detail!), deduplicated };
  if (deduplicated) return Response.json(json);
  return Response.json(json, {
    status: 201,
    headers: { Location: `/api/v1/incidents/${incidentNumberLabel(incident.number)}` },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');

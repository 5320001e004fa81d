import { getDb } from '@/db/client';
import { listRowJson, toIncidentJson, type CreatedIncidentJson, type IncidentPageJson } from '@/lib/api/incident-json';
import { createIncidentBody } from '@/lib/api/incident-requests';
import { listViewerOf, parseLimit, parseListQuery } from '@/lib/api/list-query';
import { readJsonBody } from '@/lib/api/read-json';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { createIncident } from '@/lib/incidents/create-incident';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { countIncidents, getIncidentPage } from '@/lib/incidents/get-incidents';
import { incidentNumberLabel, type CreateIncidentInput } from '@/lib/incidents/schemas';
import { parseInput } from '@/lib/validation';

/** The list, filtered as on the page; keyset pages of up to 200, with a count capped at 10,000. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.view');
  const db = getDb();
  const { searchParams } = new URL(request.url);
  const limit = parseLimit(searchParams);
  const params = parseListQuery(searchParams, await listViewerOf(db, actor), { extra: ['limit'] });
  const [page, total] = await Promise.all([getIncidentPage(db, params, { limit }), countIncidents(db, params)]);
  const now = new Date();
  const json: IncidentPageJson = {
    data: page.rows.map((row) => listRowJson(row, now)),
    nextCursor: page.nextCursor,
    count: total.count,
    countCapped: total.capped,
  };
  return Response.json(json, { headers: { 'Cache-Control': 'no-store' } });
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
  return Response.json(json, { status: 201, headers: { Location: `/api/v1/incidents/${incidentNumberLabel(incident.number)}` } });
});

import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { parseIncidentNumber } from '@/lib/incidents/schemas';

/** The incident named by the URL (/incidents/1042 or /incidents/INC-1042), or a 404. */
export async function loadIncident(param: string) {
  const number = parseIncidentNumber(decodeURIComponent(param));
  if (!number) notFound();
  const incident = await getIncidentDetail(getDb(), { number });
  if (!incident) notFound();
  return incident;
}

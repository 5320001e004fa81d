import type { DbOrTx } from '@/db/client';
import { getIncidentIdByNumber } from '@/lib/incidents/get-incident';
import { parseIncidentNumber } from '@/lib/incidents/schemas';
import { NotFoundError } from '@/lib/errors';

export type IncidentRouteContext = { params: Promise<{ number: string }> };

/** The id behind `/incidents/{number}` ("1042" or "INC-1042"); 404 for anything else. */
export async function resolveIncidentId(db: DbOrTx, context: IncidentRouteContext): Promise<{ id: string; number: number }> {
  const { number: raw } = await context.params;
  const number = parseIncidentNumber(raw);
  const id = number === undefined ? undefined : await getIncidentIdByNumber(db, number);
  if (number === undefined || !id) throw new NotFoundError(`There is no incident ${raw.slice(0, 40)}.`);
  return { id, number };
}

import { and, desc, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { incidents } from '@/db/schema';
import { incidentNumberLabel } from './schemas';

// "Add to incident" on the Events page: the incidents this person opened lately first, then the
// other open ones, newest first; the combobox filters them by number or title as one types.

export const INCIDENT_CHOICE_LIMIT = 300;

export type IncidentChoice = { id: string; label: string; description?: string };

type Recent = { id: string; number: number; title: string; state: string };

export async function getIncidentChoices(
  db: DbOrTx,
  recent: Recent[],
  limit = INCIDENT_CHOICE_LIMIT,
): Promise<IncidentChoice[]> {
  const recentIds = recent.map((r) => r.id);
  const others = await db
    .select({ id: incidents.id, number: incidents.number, title: incidents.title })
    .from(incidents)
    .where(
      and(
        // The constant spelled into the SQL, as the list's partial indexes are declared.
        sql`${incidents.state} <> 'closed'`,
        recentIds.length ? notInArray(incidents.id, recentIds) : undefined,
      ),
    )
    .orderBy(desc(incidents.createdAt), desc(incidents.id))
    .limit(Math.max(0, limit - recent.length));
  return [
    ...recent.map((r) => ({
      id: r.id,
      label: `${incidentNumberLabel(r.number)} ${r.title}`,
      description: r.state === 'closed' ? 'closed, viewed lately' : 'viewed lately',
    })),
    ...others.map((r) => ({ id: r.id, label: `${incidentNumberLabel(r.number)} ${r.title}` })),
  ];
}

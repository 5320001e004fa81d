import { and, desc, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { incidents } from '@/db/schema';
import { incidentNumberLabel } from './schemas';

// "Add to incident" on the Events page: the open incidents this person opened lately first, then
// the other open ones, newest first; the combobox filters them by number or title as one types.

export const INCIDENT_CHOICE_LIMIT = 300;

export type IncidentChoice = { id: string; label: string; description?: string };

type Recent = { id: string; number: number; title: string; state: string };

export async function getIncidentChoices(
  db: DbOrTx,
  recent: Recent[],
  limit = INCIDENT_CHOICE_LIMIT,
): Promise<IncidentChoice[]> {
  // A closed incident refuses new evidence (reopen it first): offering it would only fail.
  const recentOpen = recent.filter((r) => r.state !== 'closed');
  const recentIds = recentOpen.map((r) => r.id);
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
    .limit(Math.max(0, limit - recentOpen.length));
  return [
    ...recentOpen.map((r) => ({
      id: r.id,
      label: `${incidentNumberLabel(r.number)} ${r.title}`,
      description: 'viewed lately',
    })),
    ...others.map((r) => ({ id: r.id, label: `${incidentNumberLabel(r.number)} ${r.title}` })),
  ];
}

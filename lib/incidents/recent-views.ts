import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { incidents, incidentViews, type IncidentState } from '@/db/schema';

// The incidents a person opened lately, so "Add to incident" on the Events page offers the
// ones they are working on before asking them to search.

/** Notes that `userId` opened the incident now (one row per person and incident). */
export async function recordIncidentView(
  db: DbOrTx,
  userId: string,
  incidentId: string,
): Promise<void> {
  await db
    .insert(incidentViews)
    .values({ userId, incidentId })
    .onConflictDoUpdate({
      target: [incidentViews.userId, incidentViews.incidentId],
      set: { viewedAt: sql`now()` },
    });
}

export type RecentIncident = {
  id: string;
  number: number;
  title: string;
  state: IncidentState;
  viewedAt: Date;
};

/** The person's recently opened incidents: open ones first, then closed, each newest first. */
export async function recentIncidentsFor(
  db: DbOrTx,
  userId: string,
  limit = 10,
): Promise<RecentIncident[]> {
  // The index on (user_id, viewed_at desc) serves the inner newest-first scan; the open/closed
  // order is then applied to that short list only.
  const recent = db
    .select({ incidentId: incidentViews.incidentId, viewedAt: incidentViews.viewedAt })
    .from(incidentViews)
    .where(eq(incidentViews.userId, userId))
    .orderBy(desc(incidentViews.viewedAt))
    .limit(Math.max(limit * 5, 50))
    .as('recent');
  return db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      state: incidents.state,
      viewedAt: recent.viewedAt,
    })
    .from(recent)
    .innerJoin(incidents, eq(incidents.id, recent.incidentId))
    .orderBy(sql`${incidents.state} = 'closed'`, desc(recent.viewedAt), desc(incidents.number))
    .limit(Math.min(Math.max(limit, 1), 100));
}

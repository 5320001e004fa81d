import type { Db } from '../../db/client';
import { incidents, type Incident } from '../../db/schema';

// Rows written straight into the tables: list, export and bulk-close tests need many
// incidents with chosen timestamps, which the domain functions (rightly) do not allow.

export { actorOf, insertTeam, insertUser } from './ticket-fixtures';

export type IncidentValues = Partial<typeof incidents.$inferInsert>;

export async function insertIncidents(db: Db, rows: IncidentValues[]): Promise<Incident[]> {
  if (!rows.length) return [];
  const now = Date.now();
  return db
    .insert(incidents)
    .values(
      rows.map((row, i) => ({
        title: `Incident ${i}`,
        responseDueAt: new Date(now + 86_400_000),
        ...row,
      })),
    )
    .returning();
}

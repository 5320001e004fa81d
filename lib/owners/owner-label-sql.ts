import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { TEAM_SUFFIX } from './owner-label';

/** ownerLabel() computed by PostgreSQL, for exports and lists that select it; null when unassigned. */
export function ownerLabelSql(userName: AnyColumn, teamName: AnyColumn): SQL<string | null> {
  return sql<string | null>`coalesce(${userName}, ${teamName} || ${TEAM_SUFFIX}::text)`;
}

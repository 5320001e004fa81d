import type { DbOrTx } from '@/db/client';
import { checkEventQueryFields } from '@/lib/events/query/check';

/**
 * What a saved schedule's query should be told after saving: each field no event has ever
 * had (the query is valid, but that part matches nothing yet). A query that cannot be read
 * never gets here: saving refuses it.
 */
export async function scheduleQueryWarnings(db: DbOrTx, query: string): Promise<string[]> {
  if (!query.trim()) return [];
  const check = await checkEventQueryFields(db, query);
  return check.ok ? check.warnings : [];
}

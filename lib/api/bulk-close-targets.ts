import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { incidents } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { ValidationError } from '@/lib/errors';
import { BULK_CLOSE_LIMIT } from '@/lib/incidents/close-incidents';
import { getIncidentIds } from '@/lib/incidents/get-incidents';
import { parseIncidentNumber } from '@/lib/incidents/schemas';
import type { BulkCloseBody } from './incident-requests';
import { listViewerOf, parseListQuery } from './list-query';

const LOOKUP_CHUNK = 10_000;

/**
 * The ids a bulk close may touch, resolved before anything is closed: the given numbers
 * (unknown ones counted as missing), or exactly the incidents the list filter matches now.
 */
export async function resolveBulkCloseTargets(
  db: DbOrTx,
  actor: UserActor,
  body: BulkCloseBody,
): Promise<{ ids: string[]; missing: number }> {
  if (body.numbers) {
    const numbers = [
      ...new Set(body.numbers.map((n) => (typeof n === 'number' ? n : parseIncidentNumber(n)!))),
    ];
    const ids: string[] = [];
    // PostgreSQL takes at most 65,535 bind parameters a statement; 100,000 numbers need several.
    for (let start = 0; start < numbers.length; start += LOOKUP_CHUNK) {
      const chunk = numbers.slice(start, start + LOOKUP_CHUNK);
      const rows = await db
        .select({ id: incidents.id })
        .from(incidents)
        .where(inArray(incidents.number, chunk));
      ids.push(...rows.map((r) => r.id));
    }
    return { ids, missing: numbers.length - ids.length };
  }
  const params = parseListQuery(
    new URLSearchParams((body.filter ?? '').replace(/^\?/, '')),
    await listViewerOf(db, actor),
    { field: 'filter' },
  );
  const ids = await getIncidentIds(db, params, BULK_CLOSE_LIMIT + 1);
  if (ids.length > BULK_CLOSE_LIMIT) {
    throw new ValidationError({
      filter: `Matches more than ${BULK_CLOSE_LIMIT.toLocaleString('en-US')} incidents; narrow it down.`,
    });
  }
  return { ids, missing: 0 };
}

import { desc, eq, and, lt } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { activityLog, type ActivityRow } from '@/db/schema';

/** The newest activity, optionally of one entity; `before` pages back by id. */
export async function getActivity(
  db: DbOrTx,
  params: {
    entityType?: string;
    entityId?: string;
    actorId?: string;
    before?: number;
    limit?: number;
  } = {},
): Promise<ActivityRow[]> {
  const conditions = [
    params.entityType ? eq(activityLog.entityType, params.entityType) : undefined,
    params.entityId ? eq(activityLog.entityId, params.entityId) : undefined,
    params.actorId ? eq(activityLog.actorId, params.actorId) : undefined,
    params.before ? lt(activityLog.id, params.before) : undefined,
  ].filter(Boolean);
  return db
    .select()
    .from(activityLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(activityLog.id))
    .limit(Math.min(params.limit ?? 20, 10_000));
}

import { and, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { incidentNotes, incidents } from '@/db/schema';
import { recordActivities } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { queueNotifications } from '@/lib/notifications/queue-notification';
import { parseInput } from '@/lib/validation';
import { MAX_NOTE } from './schemas';

export const BULK_CLOSE_BATCH = 500;
export const BULK_CLOSE_LIMIT = 100_000;

const closeIncidentsInput = z.object({
  incidentIds: z.array(z.uuid()).min(1, 'Select at least one incident.').max(BULK_CLOSE_LIMIT, `Close at most ${BULK_CLOSE_LIMIT.toLocaleString('en-US')} at once.`),
  note: z.string().trim().min(1, 'Write the closing note shared by all of them.').max(MAX_NOTE),
});

export type CloseIncidentsResult = { closed: number; alreadyClosed: number; missing: number };

/**
 * Administrators close many incidents with one shared note: in batches, each in its own
 * transaction, so progress is real and a failure keeps what was done. Each incident gets
 * its note, its activity row and its watchers' "closed" notification. Only the given ids
 * are touched; the caller resolves a filter to ids first.
 */
export async function closeIncidents(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof closeIncidentsInput>,
  onProgress?: (progress: CloseIncidentsResult & { total: number }) => void | Promise<void>,
): Promise<CloseIncidentsResult> {
  assertCan(actor, 'incidents.bulk-close');
  const { incidentIds, note } = parseInput(closeIncidentsInput, rawInput);
  const ids = [...new Set(incidentIds)];
  const result: CloseIncidentsResult = { closed: 0, alreadyClosed: 0, missing: 0 };

  for (let start = 0; start < ids.length; start += BULK_CLOSE_BATCH) {
    const batch = ids.slice(start, start + BULK_CLOSE_BATCH);
    const closedIds = await db.transaction(async (tx) => {
      const existing = await tx.select({ id: incidents.id, state: incidents.state }).from(incidents).where(inArray(incidents.id, batch));
      const states = new Map(existing.map((row) => [row.id, row.state]));
      const closed = await tx
        .update(incidents)
        .set({
          state: 'closed',
          closedAt: sql`now()`,
          closingNote: note,
          respondedAt: sql`coalesce(${incidents.respondedAt}, now())`,
          updatedAt: sql`now()`,
          updatedById: actor.kind === 'user' ? actor.userId : null,
          version: sql`${incidents.version} + 1`,
        })
        .where(and(inArray(incidents.id, batch), ne(incidents.state, 'closed')))
        .returning({ id: incidents.id });
      if (closed.length) {
        await tx.insert(incidentNotes).values(
          closed.map(({ id }) => ({
            incidentId: id,
            authorId: actor.kind === 'user' ? actor.userId : null,
            authorLabel: actorLabel(actor),
            body: `Closing note: ${note}`,
          })),
        );
        await recordActivities(
          tx,
          actor,
          closed.map(({ id }) => ({
            action: 'incident.closed',
            entityType: 'incident',
            entityId: id,
            changes: { state: { old: states.get(id) ?? null, new: 'closed' }, note: { old: null, new: note }, bulk: { old: null, new: true } },
          })),
        );
        await queueNotifications(
          tx,
          actor,
          closed.map(({ id }) => ({
            entityType: 'incident' as const,
            entityId: id,
            event: 'closed' as const,
            changes: { state: { old: states.get(id) ?? null, new: 'closed' } },
            note,
          })),
        );
      }
      result.missing += batch.length - existing.length;
      result.alreadyClosed += existing.length - closed.length;
      return closed.length;
    });
    result.closed += closedIds;
    await onProgress?.({ ...result, total: ids.length });
  }
  return result;
}

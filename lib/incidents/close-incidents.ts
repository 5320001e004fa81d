import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { incidentNotes, incidents, type IncidentState } from '@/db/schema';
import { recordActivities } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { queueNotifications } from '@/lib/notifications/queue-notification';
import { parseInput } from '@/lib/validation';
import { MAX_NOTE } from './schemas';

export const BULK_CLOSE_BATCH = 500;
export const BULK_CLOSE_LIMIT = 100_000;

const closeIncidentsInput = z.object({
  incidentIds: z
    .array(z.uuid())
    .min(1, 'Select at least one incident.')
    .max(BULK_CLOSE_LIMIT, `Close at most ${BULK_CLOSE_LIMIT.toLocaleString('en-US')} at once.`),
  note: z.string().max(MAX_NOTE).trim().min(1, 'Write the closing note shared by all of them.'),
});

export type CloseIncidentsResult = { closed: number; alreadyClosed: number; missing: number };

/**
 * Administrators close many incidents with one shared note: in batches, each in its own
 * transaction, so progress is real and a failure keeps what was done. Each incident gets
 * its note, its activity row and its watchers' "closed" notification. Only the given ids
 * are touched; the caller resolves a filter to ids first.
 *
 * A batch is a few set-based statements, not work per incident: one UPDATE that locks the
 * open ones first (in id order, so two bulk closes never deadlock) and returns the state
 * each really had when locked — a change committed while the close waited is the old state
 * logged, and one closed meanwhile is counted as already closed — then one insert each of
 * notes, activity rows and outbox rows.
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
  const actorId = actor.kind === 'user' ? actor.userId : null;

  for (let start = 0; start < ids.length; start += BULK_CLOSE_BATCH) {
    const batch = ids.slice(start, start + BULK_CLOSE_BATCH);
    const counts = await db.transaction(async (tx) => {
      const closed = await closeBatch(tx, batch, note, actorId);
      const [{ found }] = await tx
        .select({ found: sql<number>`count(*)::int` })
        .from(incidents)
        .where(sql`${incidents.id} = any(${sql.param(batch)}::uuid[])`);
      if (closed.length) {
        await tx.execute(sql`
          insert into ${incidentNotes} (incident_id, author_id, author_label, body)
          select id, ${actorId}::uuid, ${actorLabel(actor)}, ${`Closing note: ${note}`} from unnest(${sql.param(closed.map((c) => c.id))}::uuid[]) as id`);
        await recordActivities(
          tx,
          actor,
          closed.map(({ id, oldState }) => ({
            action: 'incident.closed',
            entityType: 'incident',
            entityId: id,
            changes: {
              state: { old: oldState, new: 'closed' },
              note: { old: null, new: note },
              bulk: { old: null, new: true },
            },
          })),
        );
        await queueNotifications(
          tx,
          actor,
          closed.map(({ id, oldState }) => ({
            entityType: 'incident' as const,
            entityId: id,
            event: 'closed' as const,
            changes: { state: { old: oldState, new: 'closed' } },
            note,
          })),
        );
      }
      return {
        closed: closed.length,
        alreadyClosed: found - closed.length,
        missing: batch.length - found,
      };
    });
    result.closed += counts.closed;
    result.alreadyClosed += counts.alreadyClosed;
    result.missing += counts.missing;
    await onProgress?.({ ...result, total: ids.length });
  }
  return result;
}

/**
 * Closes the open incidents among `batch`. The subquery takes the row locks in id order;
 * under READ COMMITTED a row changed while we waited is re-read at its newest version (and
 * re-checked against `state <> 'closed'`), so `old_state` is the state actually replaced.
 */
async function closeBatch(
  tx: Tx,
  batch: string[],
  note: string,
  actorId: string | null,
): Promise<{ id: string; oldState: IncidentState }[]> {
  const rows = await tx.execute<{ id: string; old_state: IncidentState }>(sql`
    update incidents set
      state = 'closed',
      closed_at = now(),
      closed_by_id = ${actorId},
      closing_note = ${note},
      responded_at = coalesce(incidents.responded_at, now()),
      updated_at = now(),
      updated_by_id = ${actorId},
      version = incidents.version + 1
    from (
      select id, state from incidents
      where id = any(${sql.param(batch)}::uuid[]) and state <> 'closed'
      order by id
      for update
    ) as locked
    where incidents.id = locked.id
    returning incidents.id, locked.state as old_state`);
  return rows.map((r) => ({ id: r.id, oldState: r.old_state }));
}

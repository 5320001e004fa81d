import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { incidentNotes, incidents, type FieldChanges, type Incident } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ConflictError } from '@/lib/errors';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { parseInput } from '@/lib/validation';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { incidentKind } from './ticket-kind';
import { respondedAtAfter } from './mark-responded';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';
import {
  changeStateInput,
  incidentNumberLabel,
  isReopening,
  STATE_LABELS,
  type ChangeStateInput,
} from './schemas';

/**
 * Moves an incident to another state, from the state the person saw: if it is no longer
 * in it, or has a newer version, nothing changes and they hear who moved it. Closing needs
 * a closing note (kept on the incident and as a note); reopening a Resolved or Closed
 * incident needs a reason (kept in the log and as a note).
 */
export async function changeIncidentState(
  db: DbOrTx,
  actor: Actor,
  incidentId: string,
  rawInput: ChangeStateInput,
): Promise<Incident> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(changeStateInput, rawInput);
  return db.transaction(async (tx) => {
    // The state first: "INC-1042 was closed by Dana" says more than "was changed".
    const before = await loadTicketForUpdate(tx, incidentKind, actor, incidentId);
    const label = incidentNumberLabel(before.number);
    if (before.state !== input.from)
      throw await changedByConflict(
        tx,
        actor,
        before,
        label,
        `moved to ${STATE_LABELS[before.state]}`,
      );
    if (before.version !== input.version) throw await changedByConflict(tx, actor, before, label);
    if (before.state === 'closed') await assertDedupeKeyFree(tx, before);

    const now = new Date();
    const closing = input.to === 'closed';
    const reopening = isReopening(before.state, input.to);
    const [after] = await tx
      .update(incidents)
      .set({
        state: input.to,
        respondedAt: respondedAtAfter(before, before.state === 'triage', now),
        resolvedAt: input.to === 'resolved' ? now : before.resolvedAt,
        closedAt: closing ? now : null,
        closedById: closing && actor.kind === 'user' ? actor.userId : null,
        closingNote: closing ? input.note! : before.closingNote,
        updatedAt: sql`now()`,
        updatedById: actor.kind === 'user' ? actor.userId : null,
        version: sql`${incidents.version} + 1`,
      })
      .where(eq(incidents.id, incidentId))
      .returning();

    if (input.note) {
      await tx.insert(incidentNotes).values({
        incidentId,
        authorId: actor.kind === 'user' ? actor.userId : null,
        authorLabel: actorLabel(actor),
        body: closing
          ? `Closing note: ${input.note}`
          : reopening
            ? `Reopened: ${input.note}`
            : input.note,
      });
    }
    const changes: FieldChanges = { state: { old: before.state, new: after.state } };
    if (!before.respondedAt && after.respondedAt)
      changes.respondedAt = { old: null, new: after.respondedAt.toISOString() };
    await recordActivity(tx, actor, {
      action: closing
        ? 'incident.closed'
        : reopening
          ? 'incident.reopened'
          : 'incident.state-changed',
      entityType: 'incident',
      entityId: incidentId,
      changes: input.note ? { ...changes, note: { old: null, new: input.note } } : changes,
    });
    await queueNotification(tx, actor, {
      entityType: 'incident',
      entityId: incidentId,
      event: closing ? 'closed' : 'updated',
      changes,
      note: input.note,
    });
    return after;
  });
}

/**
 * Reopening an alert's incident while a newer one holds its dedupe key would break the
 * one-open-incident-per-key rule (and hit the unique index as a bare 500): say which one.
 */
async function assertDedupeKeyFree(tx: Tx, incident: Incident): Promise<void> {
  if (!incident.dedupeKey) return;
  const [holder] = await tx
    .select({ number: incidents.number })
    .from(incidents)
    .where(
      and(
        eq(incidents.dedupeKey, incident.dedupeKey),
        ne(incidents.state, 'closed'),
        ne(incidents.id, incident.id),
      ),
    );
  if (holder) {
    throw new ConflictError(
      `${incidentNumberLabel(holder.number)} is open for the same alert; close it or work there instead of reopening this one.`,
    );
  }
}

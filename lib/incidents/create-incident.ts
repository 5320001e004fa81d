import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { incidentNotes, incidents, type Incident } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import { actorLabel, type Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { getBusinessCalendar } from '@/lib/organization/business-calendar';
import { assertReferencesExist } from '@/lib/tickets/assert-references';
import { parseInput } from '@/lib/validation';
import { recordTicketOpened } from '@/lib/tickets/record-opened';
import { incidentKind } from './ticket-kind';
import { computeResponseDue } from './response-target';
import { createIncidentInput, type CreateIncidentInput } from './schemas';

export type CreateIncidentResult = {
  incident: Incident;
  /** True when an open incident with the same dedupe key absorbed this alert instead. */
  deduplicated: boolean;
};

/**
 * Opens an incident in Triage with its response target, watchers and policies, logs it,
 * and queues the "opened" notifications (and the on-call page for Medium and High).
 * An alert carrying the dedupe key of an open incident becomes a note on that incident.
 * Composable: given a transaction (a trigger's window), it opens a savepoint inside it.
 */
export async function createIncident(
  db: DbOrTx,
  actor: Actor,
  rawInput: CreateIncidentInput,
): Promise<CreateIncidentResult> {
  assertCan(actor, 'tickets.work');
  const input = parseInput(createIncidentInput, rawInput);
  try {
    return await db.transaction((tx) => createInTransaction(tx, actor, input));
  } catch (error) {
    // Two repeats of one alert raced: the loser's insert hit the open-key index. Retry once;
    // this time it finds the winner's incident and adds its note there.
    if (input.dedupeKey && isUniqueViolation(error, 'incidents_open_dedupe_key')) {
      return db.transaction((tx) => createInTransaction(tx, actor, input));
    }
    throw error;
  }
}

async function createInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof createIncidentInput.parse>,
): Promise<CreateIncidentResult> {
  if (input.dedupeKey) {
    const repeated = await absorbRepeat(tx, actor, input.dedupeKey, input.title, input.description);
    if (repeated) return { incident: repeated, deduplicated: true };
  }
  await assertReferencesExist(tx, input);

  const now = new Date();
  const calendar = await getBusinessCalendar(tx);
  const actorId = actor.kind === 'user' ? actor.userId : null;
  const [incident] = await tx
    .insert(incidents)
    .values({
      title: input.title,
      severity: input.severity,
      ...input.owner,
      dueAt: input.dueAt ?? null,
      description: input.description,
      source: input.source,
      dedupeKey: input.dedupeKey ?? null,
      responseDueAt: computeResponseDue(now, input.severity, calendar),
      createdById: actorId,
      updatedById: actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordTicketOpened(tx, incidentKind, actor, incident, input, {
    severity: { old: null, new: incident.severity },
    source: { old: null, new: incident.source },
    responseDueAt: { old: null, new: incident.responseDueAt.toISOString() },
  });
  return { incident, deduplicated: false };
}

async function absorbRepeat(
  tx: Tx,
  actor: Actor,
  dedupeKey: string,
  title: string,
  description: string,
): Promise<Incident | undefined> {
  const [open] = await tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.dedupeKey, dedupeKey), ne(incidents.state, 'closed')))
    .for('update');
  if (!open) return undefined;
  // Only the counter: version, updatedAt and updatedById guard and describe people's edits
  // (a stale save is refused naming who changed it and when). A noisy alert repeating every
  // minute must not refuse an analyst's save each time; each repeat is kept as its note and
  // activity row instead.
  const [updated] = await tx
    .update(incidents)
    .set({ dedupeCount: sql`${incidents.dedupeCount} + 1` })
    .where(eq(incidents.id, open.id))
    .returning();
  const body = [`Repeated alert (${updated.dedupeCount + 1} in all): ${title}`, description]
    .filter(Boolean)
    .join('\n\n');
  await tx.insert(incidentNotes).values({
    incidentId: open.id,
    authorId: actor.kind === 'user' ? actor.userId : null,
    authorLabel: actorLabel(actor),
    body,
  });
  await recordActivity(tx, actor, {
    action: 'incident.alert-repeated',
    entityType: 'incident',
    entityId: open.id,
    changes: { dedupeCount: { old: open.dedupeCount, new: updated.dedupeCount } },
  });
  return updated;
}

import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { eventTriggers, incidentEvents, users, type Incident } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { getEventStore } from '@/lib/events/store';
import type { StoredEvent } from '@/lib/events/types';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { getTicketIdByNumber } from '@/lib/tickets/find-by-number';
import { parseInput } from '@/lib/validation';
import { copyEventsToIncident, type EventEvidenceOrigin } from './copy-events';
import { createIncident } from './create-incident';
import { eventEvidenceInput, type EventEvidenceInput } from './event-evidence-input';
import { createIncidentInput, incidentNumberLabel, parseIncidentNumber } from './schemas';
import { incidentKind } from './ticket-kind';
import type { CreateIncidentInput } from './schemas';

export { prefillFromEvents, prefillDescription } from './prefill-from-events';

// Events an analyst selected on the Events page, kept on an incident as evidence: copied
// whole (lib/incidents/copy-events.ts), so retention dropping their day never removes them.

export type CreateIncidentFromEventsInput = Omit<CreateIncidentInput, 'source' | 'dedupeKey'> &
  EventEvidenceInput;

type Evidence = ReturnType<typeof eventEvidenceInput.parse>;

/** The selected events as the store has them; refuses the whole selection if any is gone. */
async function loadSelected(db: Db, evidence: Evidence): Promise<StoredEvent[]> {
  const stored = await getEventStore(db).getByIds(evidence.eventIds);
  const missing = evidence.eventIds.length - new Set(stored.map((e) => e.id)).size;
  if (missing > 0) {
    const what =
      missing === evidence.eventIds.length
        ? missing === 1
          ? 'The selected event is'
          : `None of the ${missing} selected events are`
        : `${missing} of the ${evidence.eventIds.length} selected events ${missing === 1 ? 'is' : 'are'}`;
    throw new ValidationError(
      {
        eventIds: `${what} no longer in the event store (past the retention, or unknown ids). Search again and select the events you see.`,
      },
      `${missing === 1 ? 'An event' : `${missing} events`} could not be found.`,
    );
  }
  return stored;
}

function personOrigin(actor: Actor, evidence: Evidence): EventEvidenceOrigin {
  // A system process adds events only as a trigger, which names itself (lib/events/triggers).
  if (actor.kind !== 'user') throw new ForbiddenError('Events are added by a person or a trigger.');
  return { search: evidence.search, addedById: actor.userId };
}

/** "3 events from the search `event_id:4625` (Nov 28, 2026 14:00 UTC – …)" for the log and emails. */
function evidenceWords(added: number, search: Evidence['search']): string {
  const events = added === 1 ? '1 event' : `${added} events`;
  const range =
    search.from && search.to ? ` over ${search.from.toISOString()}–${search.to.toISOString()}` : '';
  return search.query.trim()
    ? `${events} from the search \`${search.query.trim()}\`${range}`
    : `${events}${range}`;
}

async function recordEventsAdded(
  tx: Tx,
  actor: Actor,
  incidentId: string,
  added: number,
  search: Evidence['search'],
): Promise<void> {
  await recordActivity(tx, actor, {
    action: 'incident.events-added',
    entityType: 'incident',
    entityId: incidentId,
    changes: { events: { old: null, new: evidenceWords(added, search) } },
  });
}

/**
 * Opens an incident from selected events (source "event"): the incident, its copies of the
 * events and the activity rows in one transaction, so a failure leaves neither.
 */
export async function createIncidentFromEvents(
  db: Db,
  actor: Actor,
  rawInput: CreateIncidentFromEventsInput,
): Promise<{ incident: Incident; added: number }> {
  assertCan(actor, 'tickets.work');
  assertCan(actor, 'events.view');
  const { eventIds, search, ...fields } = rawInput;
  const evidence = parseInput(eventEvidenceInput, { eventIds, search });
  const incidentInput = { ...fields, source: 'event' as const };
  // The form's own mistakes first: they need no trip to the event store.
  parseInput(createIncidentInput, incidentInput);
  const origin = personOrigin(actor, evidence);
  const stored = await loadSelected(db, evidence);

  return db.transaction(async (tx) => {
    const { incident } = await createIncident(tx, actor, incidentInput);
    const added = await copyEventsToIncident(tx, incident.id, stored, origin);
    await recordEventsAdded(tx, actor, incident.id, added, evidence.search);
    return { incident, added };
  });
}

/** An incident's id from its number (1042), label ("INC-1042") or id. */
async function resolveIncident(db: DbOrTx, ref: string | number): Promise<string> {
  const text = String(ref).trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return text;
  const number = typeof ref === 'number' ? ref : parseIncidentNumber(text);
  const id = number === undefined ? undefined : await getTicketIdByNumber(db, incidentKind, number);
  if (!id) throw new NotFoundError(`There is no incident ${text.slice(0, 40)}.`);
  return id;
}

/**
 * Adds selected events to an existing incident; events it already has are skipped. A closed
 * incident keeps the evidence it was closed with: reopen it to add more.
 */
export async function addEventsToIncident(
  db: Db,
  actor: Actor,
  incidentNumberOrId: string | number,
  rawInput: EventEvidenceInput,
): Promise<{ incident: Incident; added: number; skipped: number }> {
  assertCan(actor, 'tickets.work');
  assertCan(actor, 'events.view');
  const evidence = parseInput(eventEvidenceInput, rawInput);
  const origin = personOrigin(actor, evidence);
  const incidentId = await resolveIncident(db, incidentNumberOrId);
  const stored = await loadSelected(db, evidence);

  return db.transaction(async (tx) => {
    const incident = await loadTicketForUpdate(tx, incidentKind, actor, incidentId);
    if (incident.state === 'closed')
      throw new ConflictError(
        `${incidentNumberLabel(incident.number)} is closed; reopen it to add events to its evidence.`,
      );
    const added = await copyEventsToIncident(tx, incident.id, stored, origin);
    const skipped = stored.length - added;
    if (added > 0) {
      await recordEventsAdded(tx, actor, incident.id, added, evidence.search);
      await queueNotification(tx, actor, {
        entityType: 'incident',
        entityId: incident.id,
        event: 'updated',
        changes: { events: { old: null, new: evidenceWords(added, evidence.search) } },
      });
    }
    return { incident, added, skipped };
  });
}

export type IncidentEventRow = {
  eventId: string;
  occurredAt: Date;
  event: StoredEvent;
  search: { query: string; from: Date | null; to: Date | null };
  addedAt: Date;
  /** Who added it: a person's name, or the trigger's ("Trigger: Failed logon burst"). */
  addedBy: string;
  addedById: string | null;
  triggerId: string | null;
};

/** The copy stored as JSON, with its times as dates again. */
function storedEventOf(json: Record<string, unknown>): StoredEvent {
  return {
    ...(json as unknown as StoredEvent),
    occurredAt: new Date(json.occurredAt as string),
    receivedAt: new Date(json.receivedAt as string),
  };
}

/** An incident's copied events, oldest first, each with who added it and from which search. */
export async function getIncidentEvents(
  db: DbOrTx,
  incidentId: string,
): Promise<IncidentEventRow[]> {
  const rows = await db
    .select({
      row: incidentEvents,
      personName: users.name,
      triggerName: eventTriggers.name,
    })
    .from(incidentEvents)
    .leftJoin(users, eq(users.id, incidentEvents.addedById))
    .leftJoin(eventTriggers, eq(eventTriggers.id, incidentEvents.triggerId))
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.occurredAt), asc(incidentEvents.eventId));
  return rows.map(({ row, personName, triggerName }) => ({
    eventId: String(row.eventId),
    occurredAt: row.occurredAt,
    event: storedEventOf(row.event),
    search: { query: row.searchQuery, from: row.searchFrom, to: row.searchTo },
    addedAt: row.addedAt,
    addedBy: row.triggerId
      ? `Trigger: ${triggerName ?? 'removed trigger'}`
      : (personName ?? 'someone no longer in Vigil'),
    addedById: row.addedById,
    triggerId: row.triggerId,
  }));
}

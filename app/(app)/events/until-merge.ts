// PLACEHOLDER, replaced when the evidence work (lib/incidents/event-evidence.ts,
// lib/incidents/recent-views.ts) is merged: the same names and shapes, minimal bodies.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { incidents, incidentViews } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ValidationError } from '@/lib/errors';
import { eventsSearchUrl } from '@/lib/events/search-url';
import { getEventStore } from '@/lib/events/store';
import type { StoredEvent } from '@/lib/events/types';
import { copyEventsToIncident } from '@/lib/incidents/copy-events';
import { createIncident } from '@/lib/incidents/create-incident';
import type { CreateIncidentInput } from '@/lib/incidents/schemas';
import { formatDateTime } from '@/lib/time/format';

export type EventSearchRef = { query: string; from: Date; to: Date };

export async function recentIncidentsFor(db: Db, userId: string, limit: number) {
  return db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      state: incidents.state,
    })
    .from(incidentViews)
    .innerJoin(incidents, eq(incidents.id, incidentViews.incidentId))
    .where(and(eq(incidentViews.userId, userId)))
    .orderBy(desc(incidentViews.viewedAt))
    .limit(limit);
}

export function prefillFromEvents(
  events: StoredEvent[],
  search: EventSearchRef,
  count: number,
  timeZone = 'UTC',
): { who: string; what: string; when: string } {
  const unique = (values: (string | null)[]) => [...new Set(values.filter(Boolean))] as string[];
  const hosts = unique(events.map((e) => e.hostname));
  const addresses = unique(events.flatMap((e) => [e.source_ip, e.dest_ip]));
  const times = events.map((e) => e.occurredAt.getTime()).sort((a, b) => a - b);
  return {
    who: [...hosts, ...addresses].join(', '),
    what: `${count} event${count === 1 ? '' : 's'} matching \`${search.query || '(every event)'}\` ([the search](${eventsSearchUrl(search)}))`,
    when: times.length
      ? `${formatDateTime(new Date(times[0]), timeZone)} to ${formatDateTime(new Date(times.at(-1)!), timeZone)}`
      : '',
  };
}

export async function createIncidentFromEvents(
  db: Db,
  actor: UserActor,
  input: CreateIncidentInput & { eventIds: string[]; search: EventSearchRef },
) {
  assertCan(actor, 'tickets.work');
  const { eventIds, search, ...fields } = input;
  const stored = await getEventStore(db).getByIds(eventIds);
  if (stored.length !== eventIds.length)
    throw new ValidationError({ eventIds: 'Some events are no longer kept.' });
  const { incident } = await createIncident(db, actor, { ...fields, source: 'event' });
  await db.transaction((tx) =>
    copyEventsToIncident(tx, incident.id, stored, { search, addedById: actor.userId }),
  );
  return { incident, added: stored.length };
}

export async function addEventsToIncident(
  db: Db,
  actor: UserActor,
  incidentId: string,
  input: { eventIds: string[]; search: EventSearchRef },
) {
  assertCan(actor, 'tickets.work');
  const stored = await getEventStore(db).getByIds(input.eventIds);
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) throw new ValidationError({ incident: 'Choose an incident.' });
  const added = await db.transaction((tx) =>
    copyEventsToIncident(tx, incident.id, stored, {
      search: input.search,
      addedById: actor.userId,
    }),
  );
  return { incident, added };
}

'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { requirePermission } from '@/lib/auth/session';
import { ValidationError } from '@/lib/errors';
import { eventSelectionFromForm, eventSelectionSchema } from '@/lib/events/selection';
import { addEventsToIncident, createIncidentFromEvents } from '@/lib/incidents/event-evidence';
import { incidentFormToInput } from '@/lib/incidents/form-data';
import { getIncidentChoices, type IncidentChoice } from '@/lib/incidents/incident-choices';
import { recentIncidentsFor } from '@/lib/incidents/recent-views';
import { incidentNumberLabel } from '@/lib/incidents/schemas';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { saveTicketForm } from '@/lib/tickets/ticket-action';
import { parseInput } from '@/lib/validation';

const RECENT_INCIDENTS = 10;

/** The new-incident form pre-filled from selected events; `selection` is bound by the page. */
export async function createIncidentFromEventsAction(
  selection: unknown,
  _previous: unknown,
  form: FormData,
) {
  return saveTicketForm(
    incidentKind,
    async (db, actor) => {
      const { eventIds, search } = parseInput(eventSelectionSchema, selection);
      const { source: _source, ...input } = incidentFormToInput(form, actor.timeZone ?? 'UTC');
      const { incident } = await createIncidentFromEvents(db, actor, {
        ...input,
        title: input.title ?? '',
        dueAt: input.dueAt ?? undefined,
        eventIds,
        search,
      });
      return incident;
    },
    (saved) => `?created=${saved.version}`,
  );
}

/** "Add to incident": the ticked events copied into the chosen incident. */
export async function addEventsToIncidentAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionResult<{ number: number; added: number; skipped: number }>> {
  const { actor } = await requirePermission('events.view');
  const result = await toActionResult(async () => {
    const selection = parseInput(eventSelectionSchema, eventSelectionFromForm(form));
    const incidentId = String(form.get('incident') ?? '');
    if (!incidentId) throw new ValidationError({ incident: 'Choose an incident.' });
    const { incident, added, skipped } = await addEventsToIncident(
      getDb(),
      actor,
      incidentId,
      selection,
    );
    return { number: incident.number, added, skipped };
  });
  if (!result.ok) return result;
  revalidatePath(incidentKind.routeBase, 'layout');
  const { number, added, skipped } = result.data;
  return {
    ...result,
    message: `Added ${added} event${added === 1 ? '' : 's'} to ${incidentNumberLabel(number)}${skipped > 0 ? ` (${skipped} already on it)` : ''}.`,
  };
}

/** The incidents "Add to incident" offers: viewed lately first, then the open ones. */
export async function incidentChoicesAction(): Promise<IncidentChoice[]> {
  const { user } = await requirePermission('tickets.work');
  const db = getDb();
  return getIncidentChoices(db, await recentIncidentsFor(db, user.id, RECENT_INCIDENTS));
}

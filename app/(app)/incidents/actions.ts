'use server';

import { changeIncidentState } from '@/lib/incidents/change-state';
import { createIncident } from '@/lib/incidents/create-incident';
import { incidentFormToInput } from '@/lib/incidents/form-data';
import { linkIncidents, unlinkIncidents } from '@/lib/incidents/links';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { updateIncident } from '@/lib/incidents/update-incident';
import {
  addNoteFromForm,
  editNoteFromForm,
  runTicketAction,
  saveTicketForm,
} from '@/lib/tickets/ticket-action';

export async function createIncidentAction(_previous: unknown, form: FormData) {
  return saveTicketForm(
    incidentKind,
    async (db, actor) => {
      const input = incidentFormToInput(form, actor.timeZone ?? 'UTC');
      const { incident } = await createIncident(db, actor, {
        ...input,
        title: input.title ?? '',
        dueAt: input.dueAt ?? undefined,
        source: input.source ?? 'user',
      });
      return incident;
    },
    // The banner it shows is about this version only.
    (saved) => `?created=${saved.version}`,
  );
}

export async function updateIncidentAction(incidentId: string, _previous: unknown, form: FormData) {
  return saveTicketForm(incidentKind, (db, actor) => {
    const { source: _source, ...input } = incidentFormToInput(form, actor.timeZone ?? 'UTC');
    return updateIncident(db, actor, incidentId, {
      ...input,
      version: Number(form.get('version')),
    });
  });
}

export async function changeStateAction(incidentId: string, _previous: unknown, form: FormData) {
  return runTicketAction(
    incidentKind,
    (db, actor) =>
      changeIncidentState(db, actor, incidentId, {
        version: Number(form.get('version')),
        // The state the panel was rendered for: a stale panel is refused, never obeyed.
        from: String(form.get('from') ?? '') as never,
        to: String(form.get('to') ?? '') as never,
        note: String(form.get('note') ?? '').trim() || undefined,
      }),
    'State changed.',
  );
}

export async function addNoteAction(incidentId: string, _previous: unknown, form: FormData) {
  return addNoteFromForm(incidentKind, incidentId, form);
}

export async function editNoteAction(
  incidentId: string,
  noteId: string,
  _previous: unknown,
  form: FormData,
) {
  return editNoteFromForm(incidentKind, incidentId, noteId, form);
}

export async function linkAction(incidentId: string, _previous: unknown, form: FormData) {
  const input = {
    targetNumber: String(form.get('targetNumber') ?? '').replace(/^inc-/i, ''),
    kind: String(form.get('kind') ?? '') as never,
  };
  return runTicketAction(
    incidentKind,
    (db, actor) => linkIncidents(db, actor, incidentId, input),
    'Linked.',
  );
}

export async function unlinkAction(incidentId: string, linkId: string) {
  return runTicketAction(
    incidentKind,
    (db, actor) => unlinkIncidents(db, actor, incidentId, linkId),
    'Link removed.',
  );
}

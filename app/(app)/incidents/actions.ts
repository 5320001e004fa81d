'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { currentActor } from '@/lib/auth/session';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { createIncident } from '@/lib/incidents/create-incident';
import { incidentFormToInput } from '@/lib/incidents/form-data';
import { linkIncidents, unlinkIncidents } from '@/lib/incidents/links';
import { addIncidentNote, editIncidentNote } from '@/lib/incidents/evidence';
import { updateIncident } from '@/lib/incidents/update-incident';

export async function createIncidentAction(_previous: unknown, form: FormData): Promise<ActionResult<{ number: number; version: number }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const input = incidentFormToInput(form, actor.timeZone ?? 'UTC');
    const { incident } = await createIncident(getDb(), actor, {
      ...input,
      title: input.title ?? '',
      dueAt: input.dueAt ?? undefined,
      source: input.source ?? 'user',
    });
    return { number: incident.number, version: incident.version };
  });
  if (!result.ok) return result;
  revalidatePath('/incidents');
  // The banner it shows is about this version only.
  redirect(`/incidents/${result.data.number}?created=${result.data.version}`);
}

export async function updateIncidentAction(incidentId: string, _previous: unknown, form: FormData): Promise<ActionResult<{ number: number }>> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    const { source: _source, ...input } = incidentFormToInput(form, actor.timeZone ?? 'UTC');
    const incident = await updateIncident(getDb(), actor, incidentId, { ...input, version: Number(form.get('version')) });
    return { number: incident.number };
  });
  if (!result.ok) return result;
  revalidatePath('/incidents', 'layout');
  redirect(`/incidents/${result.data.number}`);
}

export async function changeStateAction(incidentId: string, _previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await changeIncidentState(getDb(), actor, incidentId, {
      version: Number(form.get('version')),
      // The state the panel was rendered for: a stale panel is refused, never obeyed.
      from: String(form.get('from') ?? '') as never,
      to: String(form.get('to') ?? '') as never,
      note: String(form.get('note') ?? '').trim() || undefined,
    });
    return undefined;
  }, 'State changed.');
  if (result.ok) revalidatePath('/incidents', 'layout');
  return result;
}

export async function addNoteAction(incidentId: string, _previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await addIncidentNote(getDb(), actor, incidentId, { body: String(form.get('body') ?? '') });
    return undefined;
  }, 'Note added.');
  if (result.ok) revalidatePath('/incidents', 'layout');
  return result;
}

export async function editNoteAction(incidentId: string, noteId: string, _previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await editIncidentNote(getDb(), actor, incidentId, noteId, { body: String(form.get('body') ?? ''), version: String(form.get('version') ?? '') });
    return undefined;
  }, 'Note updated; the earlier text is kept in the activity log.');
  if (result.ok) revalidatePath('/incidents', 'layout');
  return result;
}

export async function linkAction(incidentId: string, _previous: unknown, form: FormData): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await linkIncidents(getDb(), actor, incidentId, {
      targetNumber: String(form.get('targetNumber') ?? '').replace(/^inc-/i, ''),
      kind: String(form.get('kind') ?? '') as never,
    });
    return undefined;
  }, 'Linked.');
  if (result.ok) revalidatePath('/incidents', 'layout');
  return result;
}

export async function unlinkAction(incidentId: string, linkId: string): Promise<ActionResult> {
  const actor = await currentActor();
  const result = await toActionResult(async () => {
    await unlinkIncidents(getDb(), actor, incidentId, linkId);
    return undefined;
  }, 'Link removed.');
  if (result.ok) revalidatePath('/incidents', 'layout');
  return result;
}

import { incidentFormToInput } from '@/lib/incidents/form-data';

/**
 * Reads the task form (new and edit share it) into the domain's input shape: the
 * incident form's fields (title, owner, due, description, watchers, policies) plus tags,
 * one per line or comma-separated, and the event query.
 */
export function taskFormToInput(form: FormData, timeZone: string) {
  const { title, owner, description, dueAt, watchers, policyIds } = incidentFormToInput(form, timeZone);
  const tags = form.has('tags')
    ? String(form.get('tags') ?? '')
        .split(/[,\n]/)
        .map((t) => t.trim())
        .filter(Boolean)
    : undefined;
  const query = form.has('query') ? String(form.get('query') ?? '') : undefined;
  return { title, owner, description, dueAt, watchers, policyIds, tags, query };
}

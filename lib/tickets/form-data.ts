import { ValidationError } from '@/lib/errors';
import { localInputToIso } from '@/lib/time/local-input';

/**
 * Reads the fields every ticket form has (title, owner, due, description, watchers,
 * policies) into the shape the domain's zod schemas validate. Only turns the browser's
 * encoding into data; every rule lives in the schema.
 */
export function ticketFormToInput(form: FormData, timeZone: string) {
  const text = (name: string) => (form.has(name) ? String(form.get(name) ?? '') : undefined);
  let dueAt: string | null | undefined;
  if (form.has('dueAt')) {
    try {
      dueAt = localInputToIso(String(form.get('dueAt') ?? ''), timeZone);
    } catch {
      throw new ValidationError({ dueAt: 'Give a date and time.' });
    }
  }
  const watchers = form.has('watchersPresent')
    ? form.getAll('watcher').map((value) => {
        const userId = String(value);
        return {
          userId,
          frequency: String(form.get(`frequency-${userId}`) ?? 'all') as 'all' | 'opened_closed',
        };
      })
    : undefined;
  return {
    title: text('title'),
    owner: text('owner'),
    description: text('description'),
    dueAt,
    watchers,
    policyIds: form.has('policiesPresent') ? form.getAll('policyIds').map(String) : undefined,
    /** The text of a field only the kind's own form has. */
    text,
  };
}

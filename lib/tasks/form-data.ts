import { ticketFormToInput } from '@/lib/tickets/form-data';

/**
 * The task form (new and edit share it): the ticket fields plus tags, one per line or
 * comma-separated, and the event query.
 */
export function taskFormToInput(form: FormData, timeZone: string) {
  const { text, ...fields } = ticketFormToInput(form, timeZone);
  const tags = text('tags')
    ?.split(/[,\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return { ...fields, tags, query: text('query') };
}

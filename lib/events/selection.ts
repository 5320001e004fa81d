import { z } from 'zod';
import { MAX_QUERY_LENGTH } from './search-params';

// Events ticked on the Events page, with the search they were picked from (its absolute range,
// so the incident's link back shows the same results later): what "Create incident" and "Add to
// incident" send. The ids come back from the browser, so they are checked like any input.

export const MAX_SELECTED_EVENTS = 500;

export const eventSelectionSchema = z.object({
  eventIds: z
    .array(z.string().regex(/^\d{1,19}$/, 'Not an event id.'))
    .min(1, 'Select at least one event.')
    .max(MAX_SELECTED_EVENTS, `Select at most ${MAX_SELECTED_EVENTS} events.`),
  search: z.object({
    query: z.string().max(MAX_QUERY_LENGTH),
    from: z.coerce.date(),
    to: z.coerce.date(),
  }),
});
export type EventSelection = z.output<typeof eventSelectionSchema>;

/** The selection as form fields (eventIds repeated, q, from, to). */
export function eventSelectionFromForm(form: FormData | URLSearchParams) {
  return {
    eventIds: form.getAll('eventIds').map(String),
    search: {
      query: String(form.get('q') ?? ''),
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
    },
  };
}

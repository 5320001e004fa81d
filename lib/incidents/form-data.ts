import { ticketFormToInput } from '@/lib/tickets/form-data';

/** The incident form (new and edit share it): the ticket fields plus severity and source. */
export function incidentFormToInput(form: FormData, timeZone: string) {
  const { text, ...fields } = ticketFormToInput(form, timeZone);
  return {
    ...fields,
    severity: text('severity') as 'none' | 'low' | 'medium' | 'high' | undefined,
    source: text('source') as 'user' | 'alert' | 'api' | 'event' | undefined,
  };
}

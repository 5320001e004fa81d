'use server';

import {
  markIncidentNotifiable,
  recordNoticeNotification,
} from '@/lib/notice-clocks/incident-clocks';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { runTicketAction } from '@/lib/tickets/ticket-action';

export async function markNotifiableAction(incidentId: string, _previous: unknown, form: FormData) {
  // "<rule id>:<version>": the version the form showed the rule's deadline at.
  const [ruleId = '', ruleVersion = ''] = String(form.get('rule') ?? '').split(':');
  return runTicketAction(
    incidentKind,
    (db, actor) =>
      markIncidentNotifiable(db, actor, incidentId, {
        ruleId,
        ruleVersion: ruleVersion as never,
        basis: String(form.get('basis') ?? ''),
        clockStartedAt: String(form.get('clockStartedAt') ?? ''),
      }),
    'Marked notifiable: the clock is running.',
  );
}

export async function recordNotificationAction(
  clockId: string,
  _previous: unknown,
  form: FormData,
) {
  return runTicketAction(
    incidentKind,
    (db, actor) =>
      recordNoticeNotification(db, actor, clockId, {
        version: String(form.get('version') ?? '') as never,
        notifiedAt: String(form.get('notifiedAt') ?? ''),
        notifiedTo: String(form.get('notifiedTo') ?? ''),
        reference: String(form.get('reference') ?? ''),
        attachmentId: String(form.get('attachmentId') ?? ''),
      }),
    'Notification recorded: the clock is stopped.',
  );
}

import type { NotificationInput } from '@/lib/notifications/queue-notification';
import type { WebhookEventType } from './event-types';

/**
 * An event as the place it happens knows it: what happened and to which item. The message
 * itself is built only when an endpoint wants it (lib/webhooks/describe-events.ts), so a site
 * with no subscriber pays one query.
 */
export type WebhookEventInput =
  | {
      type: Extract<
        WebhookEventType,
        | 'incident.opened'
        | 'incident.state-changed'
        | 'incident.closed'
        | 'incident.breached'
        | 'incident.escalated'
      >;
      incidentId: string;
      previousState?: string;
      previousSeverity?: string;
    }
  | {
      type: Extract<WebhookEventType, 'task.opened' | 'task.overdue' | 'task.closed'>;
      taskId: string;
      previousState?: string;
    }
  | {
      type: 'schedule.missed';
      scheduleId: string;
      periods: { periodKey: string; occurrenceAt: Date }[];
      reason: string;
    }
  | {
      type: 'notice.warning';
      incidentId: string;
      ruleName: string;
      warning: 'half' | 'three-quarters' | 'missed';
      deadlineAt: Date;
    };

/** The webhook event a notification is, if any: the notification sites are the event sites. */
export function webhookEventOfNotification(
  input: NotificationInput,
): WebhookEventInput | undefined {
  const previousState = stateBefore(input);
  if (input.entityType === 'incident') {
    const incidentId = input.entityId;
    switch (input.event) {
      case 'opened':
        return { type: 'incident.opened', incidentId };
      case 'closed':
        return { type: 'incident.closed', incidentId, previousState };
      case 'response-breached':
        return { type: 'incident.breached', incidentId };
      case 'updated':
        return previousState !== undefined
          ? { type: 'incident.state-changed', incidentId, previousState }
          : undefined;
      default:
        return undefined;
    }
  }
  const taskId = input.entityId;
  switch (input.event) {
    case 'opened':
      return { type: 'task.opened', taskId, previousState };
    case 'overdue':
      return { type: 'task.overdue', taskId };
    case 'closed':
    case 'invalid':
      return { type: 'task.closed', taskId, previousState };
    default:
      return undefined;
  }
}

function stateBefore(input: NotificationInput): string | undefined {
  const state = input.changes?.state;
  return state && typeof state.old === 'string' ? state.old : undefined;
}

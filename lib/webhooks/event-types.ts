// What an endpoint can subscribe to. The names are the `type` of each message, so a receiver
// routes on them; they never change once published.
export const WEBHOOK_EVENT_TYPES = [
  'incident.opened',
  'incident.state-changed',
  'incident.closed',
  'incident.breached',
  'incident.escalated',
  'task.opened',
  'task.overdue',
  'task.closed',
  'schedule.missed',
  'notice.warning',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "Send test event", to the one endpoint it was asked for. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'incident.opened': 'Incident opened',
  'incident.state-changed': 'Incident moved to another state (not closed)',
  'incident.closed': 'Incident closed',
  'incident.breached': 'Incident missed its response target',
  'incident.escalated': 'Incident severity raised',
  'task.opened': 'Task opened or reopened',
  'task.overdue': 'Task overdue (once a day while it stays open)',
  'task.closed': 'Task closed or marked invalid',
  'schedule.missed': 'Schedule period recorded as missed',
  'notice.warning': 'Notice clock at 50 %, 75 % or its deadline',
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

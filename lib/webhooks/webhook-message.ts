import type { Severity } from '@/db/schema';
import type { TEST_EVENT_TYPE, WebhookEventType } from './event-types';

/** What happened, as queued: the same for every endpoint, before each one's format. */
export type WebhookEvent = {
  type: WebhookEventType | typeof TEST_EVENT_TYPE;
  /** One line a person reads in a chat channel: "INC-12 (High) opened: Suspicious login". */
  summary: string;
  /** The item's page in Vigil; the deliverer adds the public URL in front. */
  path: string;
  /** An incident's severity, for endpoints that want only the urgent ones. */
  severity?: Severity;
  data: Record<string, unknown>;
};

/** The stored form of a delivery's event (webhook_deliveries.payload). */
export type StoredWebhookEvent = Omit<WebhookEvent, 'severity'> & { timestamp: string };

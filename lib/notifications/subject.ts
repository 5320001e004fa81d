import type { TemplateName } from '@/lib/email/templates';
import type { NotificationPayload } from './notification-payload';
import type { Candidate, Recipient } from './select-recipients';

/**
 * The item a notification is about, as the fan-out needs it: who is connected to it, and
 * how to word an email or a digest line about one event for one person. Each area
 * (incident-subject.ts, task-subject.ts) supplies a loader.
 */
export type NotificationSubject = {
  entityType: 'incident' | 'task';
  entityId: string;
  reference: string;
  title: string;
  url: string;
  candidates: Candidate[];
  emailFor(
    event: NotificationPayload,
    recipient: Recipient,
    reason: string,
  ): { template: TemplateName; props: Record<string, unknown> };
  /** One line of the daily digest, without the time (added in the reader's zone). */
  digestLine(event: NotificationPayload): string;
};

export type SubjectLoaderContext = { publicUrl: string };

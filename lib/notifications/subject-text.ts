import { describeChanges, type DescribeOptions } from '@/lib/activity/describe-changes';
import type { NotificationPayload } from './notification-payload';

// Wording that incident and task notifications share.

const MAX_TEXT_IN_EMAIL = 1_000;

/** A description or note shortened for an email (or, with a smaller max, a digest line). */
export function clip(text: string | null | undefined, max = MAX_TEXT_IN_EMAIL): string | undefined {
  if (!text) return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * "Dana changed Severity: High → Low; note: …" for the digest. The digest is read in the
 * reader's zone, but a line is shared by all: times are in UTC here.
 */
export function changedDigestLine(
  e: NotificationPayload,
  owners: ReadonlyMap<string, string>,
  options?: DescribeOptions,
): string {
  const changes = describeChanges(e.changes, 'UTC', owners, options).map(
    (c) => `${c.label}: ${c.old} → ${c.new}`,
  );
  const note = e.note ? `note: ${clip(e.note, 300)}` : '';
  return `${e.actorLabel} changed ${[...changes, note].filter(Boolean).join('; ') || 'it'}`;
}

import type { DbOrTx } from '@/db/client';
import type { FieldChanges } from '@/db/schema';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { TASK_STATE_LABELS } from '@/lib/tasks/schemas';
import { formatDateTime } from '@/lib/time/format';
import type { ChangeLine } from '@/emails/incident-updated';
import { UNASSIGNED } from '@/lib/owners/owner-label';
import {
  changeKeys,
  lookUpLabels,
  OWNER_FIELDS,
  ownerLabelFrom,
  referenceKey,
} from './activity-labels';

const LABELS: Record<string, string> = {
  title: 'Title',
  state: 'State',
  severity: 'Severity',
  owner: 'Owner',
  dueAt: 'Due',
  responseDueAt: 'Response due',
  respondedAt: 'Responded',
  description: 'Description',
  watchers: 'Watchers',
  policies: 'Policies',
  note: 'Note',
  attachment: 'Attachment',
  attachments: 'Attachments',
  link: 'Link',
  links: 'Links',
  tags: 'Tags',
  query: 'Event query',
  findings: 'Findings',
  invalidReason: 'Reason it is invalid',
  reason: 'Reason',
  name: 'Name',
  active: 'Active',
  template: 'From template',
  dueInDays: 'Due in days',
  recurrence: 'Recurrence',
  group: 'Group',
  timeZone: 'Time zone',
  role: 'Role',
  teams: 'Teams',
  email: 'Email',
  source: 'Source',
  dedupeCount: 'Repeated alerts',
  fallbackOwner: 'Owner of tasks whose schedule has no active owner',
  // A generated task's reasons (schedule generation writes them into task.created).
  generatedLate: 'Created late',
  lateReason: 'Why it was created late',
  ownerFallback: 'Why the schedule owner did not get it',
  scheduleId: 'Schedule',
  occurrenceAt: 'Occurrence',
  userId: 'Person',
  groupName: 'Group',
  missingOwner: 'Owner who could not take it',
  invitationExpiresAt: 'Invitation expires',
  closingNote: 'Closing note',
  muted: 'Emails stopped',
  revoked: 'Revoked',
  status: 'Status',
  attempts: 'Attempts',
  lastError: 'Last error',
  retentionDays: 'Retention in days',
  cutoff: 'Removed what was delivered before',
  // Regulator notification clocks (lib/notice-clocks).
  noticeRule: 'Notification rule',
  basis: 'Why it is notifiable',
  clockStartedAt: 'Clock started',
  noticeDeadline: 'Notification deadline',
  notifiedAt: 'Notified at',
  notifiedTo: 'Notified whom',
  reference: 'Reference',
  warning: 'Warning sent',
  notify: 'Who must be notified',
  citation: 'Citation',
  summary: 'Summary',
  deadlineHours: 'Deadline in hours',
  clockStartsWhen: 'What starts the clock',
  enabled: 'Enabled',
};
const DATE_FIELDS = new Set([
  'dueAt',
  'responseDueAt',
  'respondedAt',
  'closedAt',
  'resolvedAt',
  'occurrenceAt',
  'invitationExpiresAt',
  'cutoff',
  'clockStartedAt',
  'noticeDeadline',
  'notifiedAt',
]);
// In an email the note (or a reopening's reason) is quoted in full elsewhere; the log
// shows everything but noise.
const HIDDEN = {
  email: new Set(['note', 'reason', 'bulk', 'version']),
  log: new Set(['bulk', 'version']),
};

// How a change reads to a person, in an email or on an item's activity log: names
// instead of ids, labels instead of enum values, times in the reader's zone.

export type DescribeOptions = {
  /** In an email the note is quoted elsewhere and a description edit is only mentioned. */
  audience?: 'email' | 'log';
  /** Incidents' state labels unless the item's area has its own (tasks: Open, Closed, Invalid). */
  stateLabels?: Readonly<Record<string, string>>;
  /** How an instant reads; the page's "Nov 28, 2026, 14:05 CST" unless given. */
  formatInstant?: (value: string, timeZone: string) => string;
  /** A CSV keeps long values whole; a page or email shortens them. */
  clip?: boolean;
};

/** The state labels of the log row's item: a task's states are not an incident's. */
export function stateLabelsFor(entityType: string): Readonly<Record<string, string>> | undefined {
  return entityType === 'task' ? TASK_STATE_LABELS : undefined;
}

/**
 * Names for every id the given changes mention (owners, schedules, people), in one query:
 * "user:<id>" → "Dana Reyes", "team:<id>" → "TRAC (team)", "schedule:<id>" → its name.
 */
export async function ownerNames(
  db: DbOrTx,
  ...changeSets: FieldChanges[]
): Promise<ReadonlyMap<string, string>> {
  return (await lookUpLabels(db, changeSets.flatMap(changeKeys))).names;
}

/** Old → new for each changed field, in the reader's time zone, ready for a template or the log. */
export function describeChanges(
  changes: FieldChanges,
  timeZone: string,
  names: ReadonlyMap<string, string>,
  options: DescribeOptions = {},
): ChangeLine[] {
  const audience = options.audience ?? 'email';
  return Object.entries(changes)
    .filter(([field]) => !HIDDEN[audience].has(field))
    .map(([field, { old, new: next }]) => {
      if (field === 'description' && audience === 'email')
        return { label: 'Description', old: 'previous text', new: 'edited' };
      const show = (value: unknown) => describeValue(field, value, timeZone, names, options);
      return { label: fieldLabel(field), old: show(old), new: show(next) };
    });
}

/** "Response due", or for a field without a label its name in words ("retentionDays" → "Retention days"). */
export function fieldLabel(field: string): string {
  if (LABELS[field]) return LABELS[field];
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeValue(
  field: string,
  value: unknown,
  timeZone: string,
  names: ReadonlyMap<string, string>,
  options: DescribeOptions,
): string {
  if (value === null || value === undefined || value === '')
    return field === 'owner' ? UNASSIGNED : field === 'fallbackOwner' ? 'The administrators' : '—';
  if (field === 'state')
    return (
      (options.stateLabels ?? (STATE_LABELS as Readonly<Record<string, string>>))[String(value)] ??
      String(value)
    );
  if (field === 'severity')
    return SEVERITY_LABELS[value as keyof typeof SEVERITY_LABELS] ?? String(value);
  if (field === 'role') return ROLE_LABELS[value as keyof typeof ROLE_LABELS] ?? String(value);
  if (OWNER_FIELDS.has(field)) return ownerLabelFrom(names, String(value));
  const key = referenceKey(field, value);
  if (key) return names.get(key) ?? `a ${key.slice(0, key.indexOf(':'))} no longer in Vigil`;
  if (DATE_FIELDS.has(field))
    return (options.formatInstant ?? formatDateTime)(String(value), timeZone);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : 'none';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return options.clip !== false && text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

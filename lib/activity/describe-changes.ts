import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teams, users, type FieldChanges } from '@/db/schema';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { formatDateTime } from '@/lib/time/format';
import type { ChangeLine } from '@/emails/incident-updated';
import { teamLabel, UNASSIGNED } from '@/lib/owners/owner-label';

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
};
// Fields holding "user:<id>" / "team:<id>", shown as names.
const OWNER_FIELDS = new Set(['owner', 'fallbackOwner']);
const DATE_FIELDS = new Set(['dueAt', 'responseDueAt', 'respondedAt', 'closedAt', 'resolvedAt', 'occurrenceAt']);
// In an email the note (or a reopening's reason) is quoted in full elsewhere; the log
// shows everything but noise.
const HIDDEN = { email: new Set(['note', 'reason', 'bulk', 'version']), log: new Set(['bulk', 'version']) };

// How a change reads to a person, in an email or on an item's activity log: names
// instead of ids, labels instead of enum values, times in the reader's zone.

export type DescribeOptions = {
  /** In an email the note is quoted elsewhere and a description edit is only mentioned. */
  audience?: 'email' | 'log';
  /** Incidents' state labels unless the item's area has its own (tasks: Open, Closed, Invalid). */
  stateLabels?: Readonly<Record<string, string>>;
};

/** "user:<id>" / "team:<id>" → a name, for every owner value in the given changes. */
export async function ownerNames(db: DbOrTx, ...changeSets: FieldChanges[]): Promise<Map<string, string>> {
  const keys = changeSets
    .flatMap((changes) => [...OWNER_FIELDS].flatMap((field) => [changes[field]?.old, changes[field]?.new]))
    .filter((v): v is string => typeof v === 'string' && v.includes(':'));
  const names = new Map<string, string>();
  const userIds = keys.filter((k) => k.startsWith('user:')).map((k) => k.slice(5));
  const teamIds = keys.filter((k) => k.startsWith('team:')).map((k) => k.slice(5));
  if (userIds.length) for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))) names.set(`user:${u.id}`, u.name);
  if (teamIds.length) for (const t of await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))) names.set(`team:${t.id}`, teamLabel(t.name));
  return names;
}

/** Old → new for each changed field, in the reader's time zone, ready for a template or the log. */
export function describeChanges(changes: FieldChanges, timeZone: string, owners: ReadonlyMap<string, string>, options: DescribeOptions = {}): ChangeLine[] {
  const audience = options.audience ?? 'email';
  return Object.entries(changes)
    .filter(([field]) => !HIDDEN[audience].has(field))
    .map(([field, { old, new: next }]) => {
      if (field === 'description' && audience === 'email') return { label: 'Description', old: 'previous text', new: 'edited' };
      const show = (value: unknown) => describeValue(field, value, timeZone, owners, options.stateLabels ?? STATE_LABELS);
      return { label: LABELS[field] ?? field, old: show(old), new: show(next) };
    });
}

function describeValue(field: string, value: unknown, timeZone: string, owners: ReadonlyMap<string, string>, stateLabels: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined || value === '') return field === 'owner' ? UNASSIGNED : field === 'fallbackOwner' ? 'The administrators' : '—';
  if (field === 'state') return stateLabels[String(value)] ?? String(value);
  if (field === 'severity') return SEVERITY_LABELS[value as keyof typeof SEVERITY_LABELS] ?? String(value);
  if (OWNER_FIELDS.has(field)) return owners.get(String(value)) ?? 'someone no longer in Vigil';
  if (DATE_FIELDS.has(field)) return formatDateTime(String(value), timeZone);
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : 'none';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  eventTriggers,
  incidents,
  policies,
  tasks,
  taskSchedules,
  teams,
  users,
  type ActivityRow,
  type FieldChanges,
} from '@/db/schema';
import { TEAM_SUFFIX, UNASSIGNED } from '@/lib/owners/owner-label';

// The log stores ids (an owner as "team:<id>", a task's scheduleId, the row's entity); a
// person reads names. Every id a page or export mentions is looked up in one statement,
// whatever the number of rows, and keyed "<kind>:<id>".

export type LabelKind = 'user' | 'team' | 'schedule' | 'policy' | 'incident' | 'task' | 'trigger';

export type ActivityLabels = {
  /** "user:<id>" → "Dana Reyes", "team:<id>" → "TRAC (team)", "task:<id>" → "TASK-2001"… */
  names: ReadonlyMap<string, string>;
  /** The page of an item or schedule the log mentions, by the same key. */
  hrefs: ReadonlyMap<string, string>;
};

export const NO_LABELS: ActivityLabels = { names: new Map(), hrefs: new Map() };

/** Fields whose value is already a "user:<id>" / "team:<id>" owner key. */
export const OWNER_FIELDS: ReadonlySet<string> = new Set([
  'owner',
  'fallbackOwner',
  'missingOwner',
]);
/** Fields whose value is a bare id of one kind. */
export const ID_FIELDS: Readonly<Record<string, LabelKind>> = {
  scheduleId: 'schedule',
  userId: 'user',
  teamId: 'team',
  policyId: 'policy',
  incidentId: 'incident',
  taskId: 'task',
};
const ENTITY_KINDS: ReadonlySet<string> = new Set([
  'user',
  'team',
  'schedule',
  'policy',
  'incident',
  'task',
  'trigger',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The lookup key of a changed field's value, or undefined when it is no reference. */
export function referenceKey(field: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (OWNER_FIELDS.has(field)) return /^(user|team):/.test(value) ? value : undefined;
  const kind = ID_FIELDS[field];
  return kind ? `${kind}:${value}` : undefined;
}

/** The keys every row of the log mentions: its item and the references in its changes. */
export function referencedKeys(
  rows: readonly Pick<ActivityRow, 'entityType' | 'entityId' | 'changes'>[],
): Set<string> {
  const keys = new Set<string>();
  for (const row of rows) {
    if (ENTITY_KINDS.has(row.entityType)) keys.add(`${row.entityType}:${row.entityId}`);
    for (const key of changeKeys(row.changes)) keys.add(key);
  }
  return keys;
}

export function changeKeys(changes: FieldChanges): string[] {
  return Object.entries(changes).flatMap(([field, change]) =>
    [change?.old, change?.new]
      .map((value) => referenceKey(field, value))
      .filter((key): key is string => !!key),
  );
}

// One SELECT per kind, joined by UNION ALL into a single statement.
const SOURCES: Record<LabelKind, (ids: SQL) => SQL> = {
  user: (ids) =>
    sql`select 'user:' || id::text as key, name as label, null::text as href from ${users} where id = any(${ids})`,
  team: (ids) =>
    sql`select 'team:' || id::text as key, name || ${TEAM_SUFFIX} as label, null::text as href from ${teams} where id = any(${ids})`,
  schedule: (ids) =>
    sql`select 'schedule:' || id::text as key, name as label, '/schedules/' || id::text as href from ${taskSchedules} where id = any(${ids})`,
  policy: (ids) =>
    sql`select 'policy:' || id::text as key, framework || ' ' || reference as label, '/policies/' || id::text as href from ${policies} where id = any(${ids})`,
  incident: (ids) =>
    sql`select 'incident:' || id::text as key, 'INC-' || number as label, '/incidents/' || number as href from ${incidents} where id = any(${ids})`,
  task: (ids) =>
    sql`select 'task:' || id::text as key, 'TASK-' || number as label, '/tasks/' || number as href from ${tasks} where id = any(${ids})`,
  trigger: (ids) =>
    sql`select 'trigger:' || id::text as key, name as label, '/triggers/' || id::text as href from ${eventTriggers} where id = any(${ids})`,
};

/** Names and links for the given keys, in one round trip (none when nothing is referenced). */
export async function lookUpLabels(db: DbOrTx, keys: Iterable<string>): Promise<ActivityLabels> {
  const byKind = new Map<LabelKind, string[]>();
  for (const key of keys) {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (!(kind in SOURCES) || !UUID.test(id)) continue;
    byKind.set(kind as LabelKind, [...(byKind.get(kind as LabelKind) ?? []), id]);
  }
  if (!byKind.size) return NO_LABELS;
  // Validated uuids only, passed as one array parameter per kind.
  const parts = [...byKind].map(([kind, ids]) =>
    SOURCES[kind](sql`${`{${ids.join(',')}}`}::uuid[]`),
  );
  const rows = (await db.execute(sql.join(parts, sql` union all `))) as unknown as Record<
    string,
    string | null
  >[];
  const names = new Map<string, string>();
  const hrefs = new Map<string, string>();
  for (const row of rows) {
    names.set(row.key!, row.label!);
    if (row.href) hrefs.set(row.key!, row.href);
  }
  return { names, hrefs };
}

/** Everything a list of activity rows mentions, looked up in one statement. */
export function getActivityLabels(
  db: DbOrTx,
  rows: readonly Pick<ActivityRow, 'entityType' | 'entityId' | 'changes'>[],
): Promise<ActivityLabels> {
  return lookUpLabels(db, referencedKeys(rows));
}

/**
 * "Dana Reyes", "TRAC (team)" or "Unassigned" for an owner key, worded as lib/owners words
 * every owner; a key whose row is gone says so.
 */
export function ownerLabelFrom(
  names: ReadonlyMap<string, string>,
  key: string | null | undefined,
): string {
  if (!key) return UNASSIGNED;
  return (
    names.get(key) ??
    (key.startsWith('team:') ? 'a team no longer in Vigil' : 'someone no longer in Vigil')
  );
}

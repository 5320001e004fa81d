import { and, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { incidents, teams, users, type IncidentState, type Severity } from '@/db/schema';
import { encodeCursor, OPEN_STATES, sortToken, type IncidentCursor, type IncidentListParams, type IncidentSortKey, type TimeRange } from './list-params';
import { AT_RISK_FRACTION } from './response-target';

// The incident list's queries. Every filter and sort has an index that serves it
// (db/schema/incidents.ts); the conditions here are written in the exact shape those
// indexes were declared with, so the planner can match them.

export const PAGE_SIZE = 50;
export const COUNT_CAP = 10_000;

/**
 * "No due date" sorts after every date: the `due` sort and due filters use this
 * expression, which the incidents_open_due_idx index is built on.
 */
export const dueSortExpression = sql`coalesce(${incidents.dueAt}, 'infinity'::timestamptz)`;

const SORT_COLUMNS: Record<IncidentSortKey, SQL> = {
  created: sql`${incidents.createdAt}`,
  updated: sql`${incidents.updatedAt}`,
  due: dueSortExpression,
  severity: sql`${incidents.severity}`,
};

function sortColumn(key: IncidentSortKey): SQL {
  return SORT_COLUMNS[key];
}

/** The cursor value is the sort column as PostgreSQL prints it: microseconds survive, unlike a JS Date. */
function sortValueText(key: IncidentSortKey): SQL<string> {
  return sql<string>`(${sortColumn(key)})::text`;
}

function castCursorValue(key: IncidentSortKey, value: string): SQL {
  return key === 'severity' ? sql`${value}::severity` : sql`${value}::timestamptz`;
}

function rangeConditions(column: SQL, range: TimeRange): SQL[] {
  const out: SQL[] = [];
  if (range.from) out.push(sql`${column} >= ${range.from.at.toISOString()}::timestamptz`);
  if (range.to) out.push(sql`${column} < ${range.to.at.toISOString()}::timestamptz`);
  return out;
}

function ownerCondition(owner: NonNullable<IncidentListParams['owner']>): SQL {
  switch (owner.kind) {
    case 'unassigned':
      return and(isNull(incidents.ownerUserId), isNull(incidents.ownerTeamId))!;
    case 'user':
      return eq(incidents.ownerUserId, owner.id);
    case 'team':
      return eq(incidents.ownerTeamId, owner.id);
    case 'me':
      // A team's incidents belong to each of its members.
      return owner.teamIds.length
        ? or(eq(incidents.ownerUserId, owner.userId), inArray(incidents.ownerTeamId, owner.teamIds))!
        : eq(incidents.ownerUserId, owner.userId);
  }
}

/** `state <> 'closed'` spelled exactly as the partial indexes' predicate, so they apply. */
const notClosed = ne(incidents.state, 'closed');

function stateConditions(states: IncidentState[]): SQL[] {
  if (states.length === OPEN_STATES.length + 1) return [];
  if (!states.includes('closed')) {
    return states.length === OPEN_STATES.length ? [notClosed] : [notClosed, inArray(incidents.state, states)];
  }
  return [inArray(incidents.state, states)];
}

/** Escapes LIKE's own wildcards: a search for "100%" means the characters, not a pattern. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filters as one SQL condition (without the cursor): the list, its count, the CSV
 * export and bulk close "all matching" share it. Values travel as bound parameters.
 */
export function incidentFilterWhere(params: IncidentListParams): SQL | undefined {
  const conditions: SQL[] = [...stateConditions(params.states)];
  if (params.severities.length && params.severities.length < 4) conditions.push(inArray(incidents.severity, params.severities as Severity[]));
  if (params.owner) conditions.push(ownerCondition(params.owner));
  if (params.createdBy) conditions.push(eq(incidents.createdById, params.createdBy.id));
  conditions.push(...rangeConditions(sql`${incidents.createdAt}`, params.created));
  // Through the sort expression so incidents_open_due_idx serves due ranges; a lower bound
  // alone must still leave out incidents with no due date ('infinity').
  conditions.push(...rangeConditions(dueSortExpression, params.due));
  if (params.due.from && !params.due.to) conditions.push(sql`${incidents.dueAt} is not null`);
  if (params.q) conditions.push(sql`${incidents.title} ilike ${likePattern(params.q)}`);
  if (params.response === 'breached') {
    conditions.push(isNull(incidents.respondedAt), sql`${incidents.responseDueAt} < now()`);
  } else if (params.response === 'at-risk') {
    // Same rule as responseClock: unanswered, not yet breached, past 75 % of its time.
    conditions.push(
      isNull(incidents.respondedAt),
      sql`${incidents.responseDueAt} >= now()`,
      sql`${incidents.createdAt} + (${incidents.responseDueAt} - ${incidents.createdAt}) * ${AT_RISK_FRACTION}::float8 <= now()`,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** Rows after (or before) the cursor in the current order, as one row comparison an index can range over. */
function cursorCondition(params: IncidentListParams, cursor: IncidentCursor): SQL {
  const { key, direction } = params.sort;
  const forward = direction === 'asc' ? !cursor.before : cursor.before;
  const row = sql`(${sortColumn(key)}, ${incidents.id})`;
  const at = sql`(${castCursorValue(key, cursor.value!)}, ${cursor.id}::uuid)`;
  return forward ? sql`${row} > ${at}` : sql`${row} < ${at}`;
}

/** The list's order; `reverse` walks it backwards (the Previous page). */
export function incidentOrderBy(params: IncidentListParams, reverse = false): SQL[] {
  const desc = (params.sort.direction === 'desc') !== reverse;
  const dir = desc ? sql`desc` : sql`asc`;
  return [sql`${sortColumn(params.sort.key)} ${dir}`, sql`${incidents.id} ${dir}`];
}

export const ownerUser = alias(users, 'owner_user');
export const ownerTeam = alias(teams, 'owner_team');
export const creator = alias(users, 'creator');

/** What the list, the API and the export's first columns show for one incident. */
export function incidentListColumns() {
  return {
    id: incidents.id,
    number: incidents.number,
    title: incidents.title,
    state: incidents.state,
    severity: incidents.severity,
    ownerUserId: incidents.ownerUserId,
    ownerTeamId: incidents.ownerTeamId,
    ownerName: sql<string | null>`coalesce(${ownerUser.name}, ${ownerTeam.name})`,
    createdById: incidents.createdById,
    createdByName: creator.name,
    dueAt: incidents.dueAt,
    responseDueAt: incidents.responseDueAt,
    respondedAt: incidents.respondedAt,
    resolvedAt: incidents.resolvedAt,
    closedAt: incidents.closedAt,
    createdAt: incidents.createdAt,
    updatedAt: incidents.updatedAt,
  };
}


export type IncidentListRow = {
  id: string;
  number: number;
  title: string;
  state: IncidentState;
  severity: Severity;
  ownerUserId: string | null;
  ownerTeamId: string | null;
  ownerName: string | null;
  createdById: string | null;
  createdByName: string | null;
  dueAt: Date | null;
  responseDueAt: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type IncidentPage = {
  rows: IncidentListRow[];
  /** Opaque `cursor` parameter of the next page; null on the last page. */
  nextCursor: string | null;
  /** Opaque `cursor` parameter of the previous page; null on the first page. */
  prevCursor: string | null;
};

/** The page's SELECT (one row more than the limit), exported so the benchmark can EXPLAIN it. */
export function incidentPageQuery(db: DbOrTx, params: IncidentListParams, limit: number) {
  const backward = params.cursor?.before ?? false;
  const where = and(incidentFilterWhere(params), params.cursor ? cursorCondition(params, params.cursor) : undefined);
  return db
    .select({ ...incidentListColumns(), sortValue: sortValueText(params.sort.key) })
    .from(incidents)
    .leftJoin(ownerUser, eq(ownerUser.id, incidents.ownerUserId))
    .leftJoin(ownerTeam, eq(ownerTeam.id, incidents.ownerTeamId))
    .leftJoin(creator, eq(creator.id, incidents.createdById))
    .where(where)
    .orderBy(...incidentOrderBy(params, backward))
    .limit(limit + 1);
}

/**
 * One page of the list, by keyset on (sort column, id): page 2,000 costs what page 1 does.
 * Fetches one row more than asked to learn whether another page follows.
 */
export async function getIncidentPage(db: DbOrTx, params: IncidentListParams, options: { limit?: number } = {}): Promise<IncidentPage> {
  const limit = options.limit ?? PAGE_SIZE;
  const backward = params.cursor?.before ?? false;
  const fetched = await incidentPageQuery(db, params, limit);
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (backward) page.reverse();
  const token = sortToken(params.sort);
  const cursorAt = (row: (typeof page)[number] | undefined, before: boolean): string | null =>
    row ? encodeCursor({ sort: token, value: row.sortValue, id: row.id, before }) : null;

  // Going forward, a previous page exists whenever we came from somewhere; going back, only if more rows were found.
  const hasNext = backward ? true : more;
  const hasPrev = backward ? more : !!params.cursor;
  return {
    rows: page.map(withoutSortValue),
    nextCursor: hasNext ? cursorAt(page.at(-1), false) : null,
    prevCursor: hasPrev ? cursorAt(page[0], true) : null,
  };
}

function withoutSortValue<T extends { sortValue: string }>({ sortValue, ...row }: T): Omit<T, 'sortValue'> {
  void sortValue; // only the cursor needs it
  return row;
}

/**
 * How many incidents match, counting at most COUNT_CAP + 1 rows: exact up to 10,000,
 * then "10,000+", so a broad filter never costs a scan of the whole table.
 */
export async function countIncidents(db: DbOrTx, params: IncidentListParams): Promise<{ count: number; capped: boolean }> {
  const inner = db
    .select({ one: sql`1` })
    .from(incidents)
    .where(incidentFilterWhere(params))
    .limit(COUNT_CAP + 1)
    .as('matching');
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(inner);
  const count = row?.count ?? 0;
  return count > COUNT_CAP ? { count: COUNT_CAP, capped: true } : { count, capped: false };
}

/** Ids of every matching incident, up to `limit`: bulk close "all matching" resolves its filter here. */
export async function getIncidentIds(db: DbOrTx, params: IncidentListParams, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(incidentFilterWhere(params))
    .orderBy(...incidentOrderBy(params))
    .limit(limit);
  return rows.map((r) => r.id);
}

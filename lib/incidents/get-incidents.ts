import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import {
  incidentPolicies,
  incidents,
  teams,
  users,
  type IncidentState,
  type Severity,
} from '@/db/schema';
import {
  countCapped,
  countCappedQuery,
  keysetCondition,
  keysetOrderBy,
  keysetPage,
  sortValueText,
  type KeysetOrder,
  type KeysetPage,
} from '@/lib/list/keyset';
import { policyConditions, type PolicyLinks } from '@/lib/list/policy-filter';
import { likePattern, ownerCondition, rangeConditions } from '@/lib/list/sql-conditions';
import {
  OPEN_STATES,
  sortToken,
  type IncidentListParams,
  type IncidentSortKey,
} from './list-params';
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

function castCursorValue(key: IncidentSortKey) {
  return (value: string) =>
    key === 'severity' ? sql`${value}::severity` : sql`${value}::timestamptz`;
}

function keysetOrder(params: IncidentListParams): KeysetOrder {
  return {
    column: SORT_COLUMNS[params.sort.key],
    id: incidents.id,
    direction: params.sort.direction,
  };
}

// Spelled exactly as the partial indexes' predicates, with the constant written into the
// SQL rather than bound: a prepared statement's generic plan cannot prove `state <> $1`
// implies `state <> 'closed'`, and would stop using the partial indexes.
const notClosed = sql`${incidents.state} <> 'closed'`;
const onlyClosed = sql`${incidents.state} = 'closed'`;

function stateConditions(states: IncidentState[]): SQL[] {
  if (states.length === OPEN_STATES.length + 1) return [];
  if (states.length === 1 && states[0] === 'closed') return [onlyClosed];
  if (!states.includes('closed')) {
    return states.length === OPEN_STATES.length
      ? [notClosed]
      : [notClosed, inArray(incidents.state, states)];
  }
  return [inArray(incidents.state, states)];
}

const policyLinks: PolicyLinks = {
  table: incidentPolicies,
  parentId: incidentPolicies.incidentId,
  policyId: incidentPolicies.policyId,
};

/**
 * The filters as one SQL condition (without the cursor): the list, its count, the CSV
 * export and bulk close "all matching" share it. Values travel as bound parameters.
 */
export function incidentFilterWhere(params: IncidentListParams): SQL | undefined {
  const conditions: SQL[] = [...stateConditions(params.states)];
  if (params.severities.length && params.severities.length < 4)
    conditions.push(inArray(incidents.severity, params.severities as Severity[]));
  if (params.owner) conditions.push(ownerCondition(incidents, params.owner));
  if (params.createdBy) conditions.push(eq(incidents.createdById, params.createdBy.id));
  conditions.push(...rangeConditions(sql`${incidents.createdAt}`, params.created));
  conditions.push(...rangeConditions(sql`${incidents.closedAt}`, params.closed));
  // An incident is closed after it was created (closing stamps the time of the change), so
  // one closed before the range's end was created before it too. Said to the planner, the
  // newest-first walk starts at the range's end instead of reading every later closing (a
  // month 400 days back, for one owner, read 1.5 s of rows without it).
  if (params.closed.to)
    conditions.push(
      sql`${incidents.createdAt} < ${params.closed.to.at.toISOString()}::timestamptz`,
    );
  conditions.push(...policyConditions(incidents.id, policyLinks, params.policy));
  // Through the sort expression so incidents_open_due_idx serves due ranges; a lower bound
  // alone must still leave out incidents with no due date ('infinity').
  conditions.push(...rangeConditions(dueSortExpression, params.due));
  if (params.due.from && !params.due.to) conditions.push(sql`${incidents.dueAt} is not null`);
  if (params.q) conditions.push(sql`${incidents.title} ilike ${likePattern(params.q)}`);
  // A closed incident's clock has stopped: it is neither breached nor at risk, whatever the state filter.
  if (params.response === 'breached') {
    conditions.push(
      notClosed,
      isNull(incidents.respondedAt),
      sql`${incidents.responseDueAt} < now()`,
    );
  } else if (params.response === 'at-risk') {
    // Same rule as responseClock: unanswered, not yet breached, past 75 % of its time.
    conditions.push(
      notClosed,
      isNull(incidents.respondedAt),
      sql`${incidents.responseDueAt} >= now()`,
      sql`${incidents.createdAt} + (${incidents.responseDueAt} - ${incidents.createdAt}) * ${AT_RISK_FRACTION}::float8 <= now()`,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** The list's order; `reverse` walks it backwards (the Previous page). */
export function incidentOrderBy(params: IncidentListParams, reverse = false): SQL[] {
  return keysetOrderBy(keysetOrder(params), reverse);
}

export const ownerUser = alias(users, 'owner_user');
export const ownerTeam = alias(teams, 'owner_team');
export const creator = alias(users, 'creator');

/** Which incident, how bad, whose: what every view of an incident starts from. */
export const incidentSummaryColumns = {
  id: incidents.id,
  number: incidents.number,
  title: incidents.title,
  state: incidents.state,
  severity: incidents.severity,
  ownerUserId: incidents.ownerUserId,
  ownerTeamId: incidents.ownerTeamId,
};

/** What the list, the API and the export's first columns show for one incident. */
export function incidentListColumns() {
  return {
    ...incidentSummaryColumns,
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

/** `nextCursor`/`prevCursor`: the opaque `cursor` parameter of the next and previous pages, null at either end. */
export type IncidentPage = KeysetPage<IncidentListRow>;

/** The page's SELECT (one row more than the limit), exported so the benchmark can EXPLAIN it. */
export function incidentPageQuery(db: DbOrTx, params: IncidentListParams, limit: number) {
  const backward = params.cursor?.before ?? false;
  const where = and(
    incidentFilterWhere(params),
    params.cursor
      ? keysetCondition(keysetOrder(params), params.cursor, castCursorValue(params.sort.key))
      : undefined,
  );
  const order = incidentOrderBy(params, backward);
  // The page's ids first, then their rows: a filter served by an index holding the sort
  // column (a due or closing range, at risk) picks and orders its matches from the index
  // alone, and only the page's rows are read from the table (a week of due dates read every
  // matching row, scattered over the table, to sort them by creation).
  const pageIds = db
    .select({ id: incidents.id })
    .from(incidents)
    .where(where)
    .orderBy(...order)
    .limit(limit + 1)
    .as('page_ids');
  return db
    .select({ ...incidentListColumns(), sortValue: sortValueText(SORT_COLUMNS[params.sort.key]) })
    .from(incidents)
    .innerJoin(pageIds, eq(pageIds.id, incidents.id))
    .leftJoin(ownerUser, eq(ownerUser.id, incidents.ownerUserId))
    .leftJoin(ownerTeam, eq(ownerTeam.id, incidents.ownerTeamId))
    .leftJoin(creator, eq(creator.id, incidents.createdById))
    .orderBy(...order);
}

/**
 * One page of the list, by keyset on (sort column, id): page 2,000 costs what page 1 does.
 * Fetches one row more than asked to learn whether another page follows.
 */
export async function getIncidentPage(
  db: DbOrTx,
  params: IncidentListParams,
  options: { limit?: number } = {},
): Promise<IncidentPage> {
  const limit = options.limit ?? PAGE_SIZE;
  return keysetPage(
    await incidentPageQuery(db, params, limit),
    limit,
    sortToken(params.sort),
    params.cursor,
  );
}

/**
 * How many incidents match, counting at most COUNT_CAP + 1 rows: exact up to 10,000,
 * then "10,000+", so a broad filter never costs a scan of the whole table.
 */
export async function countIncidents(
  db: DbOrTx,
  params: IncidentListParams,
): Promise<{ count: number; capped: boolean }> {
  return countCapped(db, incidents, incidentFilterWhere(params), COUNT_CAP);
}

/** The count's SELECT, exported so the benchmark can EXPLAIN it. */
export function incidentCountQuery(db: DbOrTx, params: IncidentListParams) {
  return countCappedQuery(db, incidents, incidentFilterWhere(params), COUNT_CAP);
}

/** Ids of every matching incident, up to `limit`: bulk close "all matching" resolves its filter here. */
export async function getIncidentIds(
  db: DbOrTx,
  params: IncidentListParams,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(incidentFilterWhere(params))
    .orderBy(...incidentOrderBy(params))
    .limit(limit);
  return rows.map((r) => r.id);
}

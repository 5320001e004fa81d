import { aliasedTable, and, asc, desc, eq, gt, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  eventTriggerRuns,
  eventTriggers,
  incidents,
  teams,
  users,
  type EventTrigger,
  type EventTriggerRun,
} from '@/db/schema';
import { decodeNameCursor, encodeNameCursor } from '@/lib/list/name-cursor';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';

export type TriggerListRow = EventTrigger & {
  ownerName: string | null;
  lastRun: Pick<EventTriggerRun, 'windowFrom' | 'windowTo' | 'outcome' | 'matchCount'> | null;
};

const ownerUser = aliasedTable(users, 'owner_user');
const ownerTeam = aliasedTable(teams, 'owner_team');

/** One page of triggers by name (keyset on lower(name), id), each with its latest window. */
export async function getTriggers(
  db: DbOrTx,
  params: { cursor?: string | null; limit?: number } = {},
): Promise<{ rows: TriggerListRow[]; nextCursor: string | null }> {
  const limit = params.limit ?? 50;
  const after = decodeNameCursor(params.cursor);
  const keyset = after
    ? or(
        gt(sql`lower(${eventTriggers.name})`, after[0]),
        and(eq(sql`lower(${eventTriggers.name})`, after[0]), gt(eventTriggers.id, after[1])),
      )
    : undefined;
  // The latest window of each listed trigger: one index probe each on the ledger's key.
  const lastRun = sql<TriggerListRow['lastRun']>`(
    select json_build_object('windowFrom', r.window_from, 'windowTo', r.window_to,
      'outcome', r.outcome, 'matchCount', r.match_count)
    from ${eventTriggerRuns} r where r.trigger_id = ${eventTriggers.id}
    order by r.window_from desc limit 1)`;
  const rows = await db
    .select({
      trigger: eventTriggers,
      ownerName: ownerLabelSql(ownerUser.name, ownerTeam.name),
      lastRun,
    })
    .from(eventTriggers)
    .leftJoin(ownerUser, eq(ownerUser.id, eventTriggers.ownerUserId))
    .leftJoin(ownerTeam, eq(ownerTeam.id, eventTriggers.ownerTeamId))
    .where(keyset)
    .orderBy(asc(sql`lower(${eventTriggers.name})`), asc(eventTriggers.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({
    ...r.trigger,
    ownerName: r.ownerName,
    lastRun: r.lastRun
      ? {
          ...r.lastRun,
          windowFrom: new Date(r.lastRun.windowFrom),
          windowTo: new Date(r.lastRun.windowTo),
        }
      : null,
  }));
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit ? encodeNameCursor(last) : null,
  };
}

export type TriggerDetail = EventTrigger & { ownerName: string | null };

export async function getTrigger(db: DbOrTx, triggerId: string): Promise<TriggerDetail | null> {
  const [row] = await db
    .select({ trigger: eventTriggers, ownerName: ownerLabelSql(ownerUser.name, ownerTeam.name) })
    .from(eventTriggers)
    .leftJoin(ownerUser, eq(ownerUser.id, eventTriggers.ownerUserId))
    .leftJoin(ownerTeam, eq(ownerTeam.id, eventTriggers.ownerTeamId))
    .where(eq(eventTriggers.id, triggerId));
  return row ? { ...row.trigger, ownerName: row.ownerName } : null;
}

export type TriggerRunRow = EventTriggerRun & { incidentNumber: number | null };

/** The trigger's windows, newest first, paged by window start (the ledger's key). */
export async function getTriggerRuns(
  db: DbOrTx,
  triggerId: string,
  params: { before?: Date | null; limit?: number } = {},
): Promise<{ rows: TriggerRunRow[]; nextBefore: Date | null }> {
  const limit = params.limit ?? 50;
  const rows = await db
    .select({ run: eventTriggerRuns, incidentNumber: incidents.number })
    .from(eventTriggerRuns)
    .leftJoin(incidents, eq(incidents.id, eventTriggerRuns.incidentId))
    .where(
      and(
        eq(eventTriggerRuns.triggerId, triggerId),
        params.before ? lt(eventTriggerRuns.windowFrom, params.before) : undefined,
      ),
    )
    .orderBy(desc(eventTriggerRuns.windowFrom))
    .limit(limit + 1);
  const page = rows.slice(0, limit).map((r) => ({ ...r.run, incidentNumber: r.incidentNumber }));
  return {
    rows: page,
    nextBefore: rows.length > limit ? page[page.length - 1].windowFrom : null,
  };
}

export type TriggerIncidentRow = {
  id: string;
  number: number;
  title: string;
  state: string;
  windows: number;
  lastWindowTo: Date;
};

/** The incidents the trigger opened or added to, latest first. */
export async function getTriggerIncidents(
  db: DbOrTx,
  triggerId: string,
  limit = 20,
): Promise<TriggerIncidentRow[]> {
  const rows = await db
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      state: incidents.state,
      windows: sql<number>`count(*)`.mapWith(Number),
      lastWindowTo: sql<Date>`max(${eventTriggerRuns.windowTo})`.mapWith(
        (v: string) => new Date(v),
      ),
    })
    .from(eventTriggerRuns)
    .innerJoin(incidents, eq(incidents.id, eventTriggerRuns.incidentId))
    .where(and(eq(eventTriggerRuns.triggerId, triggerId), isNotNull(eventTriggerRuns.incidentId)))
    .groupBy(incidents.id)
    .orderBy(desc(sql`max(${eventTriggerRuns.windowTo})`))
    .limit(limit);
  return rows;
}

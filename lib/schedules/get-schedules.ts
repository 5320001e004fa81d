import {
  aliasedTable,
  and,
  arrayContains,
  asc,
  eq,
  gt,
  ilike,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { schedulePolicies, taskSchedules, teams, users, type TaskSchedule } from '@/db/schema';
import type { ScheduleListParams } from './list-params';
import { recurrenceInWords } from './recurrence';
import { recurrenceOf } from './update-schedule';
import { decodeNameCursor, encodeNameCursor } from '@/lib/list/name-cursor';
import { policyConditions, type PolicyLinks } from '@/lib/list/policy-filter';
import { ownerCondition } from '@/lib/list/sql-conditions';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';

/** ownerActive: false when the owner is a deactivated person (its tasks go to the fallback owner). */
export type ScheduleListRow = TaskSchedule & {
  ownerName: string | null;
  ownerActive: boolean | null;
  recurrenceText: string;
};

const ownerUser = aliasedTable(users, 'owner_user');
const ownerTeam = aliasedTable(teams, 'owner_team');

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const policyLinks: PolicyLinks = {
  table: schedulePolicies,
  parentId: schedulePolicies.scheduleId,
  policyId: schedulePolicies.policyId,
};

export function scheduleFilterWhere(params: ScheduleListParams): SQL | undefined {
  const where: SQL[] = [];
  if (params.status === 'active') where.push(eq(taskSchedules.active, true));
  if (params.status === 'paused') where.push(eq(taskSchedules.active, false));
  if (params.ownerTeams) {
    where.push(ownerCondition(taskSchedules, { kind: 'my-teams', ...params.ownerTeams }));
  } else if (params.owner) {
    const [type, id] = params.owner.split(':');
    where.push(eq(type === 'user' ? taskSchedules.ownerUserId : taskSchedules.ownerTeamId, id));
  }
  if (params.tag) where.push(arrayContains(taskSchedules.tags, [params.tag]));
  if (params.group) where.push(eq(taskSchedules.groupName, params.group));
  if (params.name) where.push(ilike(taskSchedules.name, `%${escapeLike(params.name)}%`));
  where.push(...policyConditions(taskSchedules.id, policyLinks, params.policy));
  return where.length ? and(...where) : undefined;
}

/** One page of schedules by name (keyset on lower(name), id), with the next page's cursor. */
export async function getSchedules(
  db: DbOrTx,
  params: ScheduleListParams,
): Promise<{ rows: ScheduleListRow[]; nextCursor: string | null }> {
  const after = decodeNameCursor(params.cursor);
  const keyset = after
    ? or(
        gt(sql`lower(${taskSchedules.name})`, after[0]),
        and(eq(sql`lower(${taskSchedules.name})`, after[0]), gt(taskSchedules.id, after[1])),
      )
    : undefined;
  const rows = await db
    .select({
      schedule: taskSchedules,
      ownerName: ownerLabelSql(ownerUser.name, ownerTeam.name),
      ownerActive: ownerUser.active,
    })
    .from(taskSchedules)
    .leftJoin(ownerUser, eq(ownerUser.id, taskSchedules.ownerUserId))
    .leftJoin(ownerTeam, eq(ownerTeam.id, taskSchedules.ownerTeamId))
    .where(and(scheduleFilterWhere(params), keyset))
    .orderBy(asc(sql`lower(${taskSchedules.name})`), asc(taskSchedules.id))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit).map((r) => ({
    ...r.schedule,
    ownerName: r.ownerName,
    ownerActive: r.ownerActive,
    recurrenceText: recurrenceInWords(recurrenceOf(r.schedule)),
  }));
  return {
    rows: page,
    nextCursor: rows.length > params.limit ? encodeNameCursor(page[page.length - 1]) : null,
  };
}

/** Distinct groups and tags, for the filter pickers. */
export async function getScheduleFacets(db: DbOrTx): Promise<{ groups: string[]; tags: string[] }> {
  const [groups, tags] = await Promise.all([
    db
      .selectDistinct({ g: taskSchedules.groupName })
      .from(taskSchedules)
      .where(sql`${taskSchedules.groupName} <> ''`)
      .orderBy(taskSchedules.groupName),
    db.execute<{ tag: string }>(
      sql`select distinct unnest(tags) as tag from task_schedules order by 1 limit 500`,
    ),
  ]);
  return { groups: groups.map((g) => g.g), tags: [...tags].map((t) => t.tag) };
}

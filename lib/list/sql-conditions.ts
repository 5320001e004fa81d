import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { OwnerFilter, TimeRange } from './url-params';

// SQL pieces every list's filter is made of; values travel as bound parameters.

export function rangeConditions(column: SQL, range: TimeRange): SQL[] {
  const out: SQL[] = [];
  if (range.from) out.push(sql`${column} >= ${range.from.at.toISOString()}::timestamptz`);
  if (range.to) out.push(sql`${column} < ${range.to.at.toISOString()}::timestamptz`);
  return out;
}

/** Escapes LIKE's own wildcards: a search for "100%" means the characters, not a pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The owner filter on a table's owner columns; a team's items belong to each of its members. */
export function ownerCondition(
  columns: { ownerUserId: AnyPgColumn; ownerTeamId: AnyPgColumn },
  owner: OwnerFilter,
): SQL {
  switch (owner.kind) {
    case 'unassigned':
      return and(isNull(columns.ownerUserId), isNull(columns.ownerTeamId))!;
    case 'user':
      return eq(columns.ownerUserId, owner.id);
    case 'team':
      return eq(columns.ownerTeamId, owner.id);
    case 'me':
    case 'my-teams':
      return owner.teamIds.length
        ? or(eq(columns.ownerUserId, owner.userId), inArray(columns.ownerTeamId, owner.teamIds))!
        : eq(columns.ownerUserId, owner.userId);
  }
}

/** owner=me, my-teams, unassigned, user:<id> or team:<id>, as the URL writes it. */
export function ownerToken(owner: OwnerFilter): string {
  return owner.kind === 'me' || owner.kind === 'my-teams' || owner.kind === 'unassigned'
    ? owner.kind
    : `${owner.kind}:${owner.id}`;
}

import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies, teams, users } from '@/db/schema';
import { ownerLabelSql } from '@/lib/owners/owner-label-sql';

// The Policies page: every catalogue statement and custom policy, grouped by framework and
// indented under its parent. The whole table is a few hundred rows (four frameworks and the
// organization's own), read at once; the hierarchy is worked out here.

export type PolicyListParams = { framework?: string; q?: string };

export type PolicyListRow = {
  id: string;
  framework: string;
  reference: string;
  parentReference: string | null;
  title: string;
  custom: boolean;
  active: boolean;
  currentVersion: number;
  reviewIntervalMonths: number | null;
  ownerName: string | null;
  ownerTeamId: string | null;
  /** How many levels below the framework's top statements (0 for a function or a top control). */
  depth: number;
};

export type PolicyGroup = { framework: string; rows: PolicyListRow[] };

/** "PR.AA-05" after "PR.AA", "10.4.1" after "10.4" and before "10.10": numbers compared as numbers. */
function compareReferences(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}

function depthOf(row: PolicyListRow, byReference: Map<string, PolicyListRow>): number {
  let depth = 0;
  let parent = row.parentReference;
  const seen = new Set<string>();
  while (parent && byReference.has(parent.toLowerCase()) && !seen.has(parent)) {
    seen.add(parent);
    depth += 1;
    parent = byReference.get(parent.toLowerCase())!.parentReference;
  }
  return depth;
}

/** Each statement followed by its children, depth-first, in reference order. */
function inTreeOrder(rows: PolicyListRow[]): PolicyListRow[] {
  const byReference = new Map(rows.map((r) => [r.reference.toLowerCase(), r]));
  const children = new Map<string, PolicyListRow[]>();
  const roots: PolicyListRow[] = [];
  for (const row of rows) {
    const parent = row.parentReference?.toLowerCase();
    if (parent && byReference.has(parent) && parent !== row.reference.toLowerCase()) {
      children.set(parent, [...(children.get(parent) ?? []), row]);
    } else roots.push(row);
  }
  const ordered: PolicyListRow[] = [];
  const visit = (row: PolicyListRow, seen: Set<string>) => {
    const key = row.reference.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    ordered.push({ ...row, depth: depthOf(row, byReference) });
    for (const child of (children.get(key) ?? []).sort((a, b) =>
      compareReferences(a.reference, b.reference),
    ))
      visit(child, seen);
  };
  const seen = new Set<string>();
  for (const root of roots.sort((a, b) => compareReferences(a.reference, b.reference)))
    visit(root, seen);
  return ordered;
}

export async function getPolicyFrameworks(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ framework: policies.framework })
    .from(policies)
    .orderBy(asc(policies.framework));
  return rows.map((r) => r.framework);
}

/** The policies grouped by framework (custom ones first), filtered by framework and by reference or title. */
export async function getPolicyGroups(
  db: DbOrTx,
  params: PolicyListParams = {},
): Promise<PolicyGroup[]> {
  const rows = await db
    .select({
      id: policies.id,
      framework: policies.framework,
      reference: policies.reference,
      parentReference: policies.parentReference,
      title: policies.title,
      custom: policies.custom,
      active: policies.active,
      currentVersion: policies.currentVersion,
      reviewIntervalMonths: policies.reviewIntervalMonths,
      ownerName: ownerLabelSql(users.name, teams.name),
      ownerTeamId: policies.ownerTeamId,
      depth: sql<number>`0`,
    })
    .from(policies)
    .leftJoin(users, eq(users.id, policies.ownerUserId))
    .leftJoin(teams, eq(teams.id, policies.ownerTeamId))
    .where(
      params.framework ? sql`lower(${policies.framework}) = lower(${params.framework})` : undefined,
    );
  const needle = params.q?.trim().toLowerCase();
  const groups = new Map<string, PolicyListRow[]>();
  for (const row of rows) groups.set(row.framework, [...(groups.get(row.framework) ?? []), row]);
  return [...groups.entries()]
    .sort(([a, aRows], [b, bRows]) =>
      aRows[0].custom !== bRows[0].custom ? (aRows[0].custom ? -1 : 1) : a.localeCompare(b),
    )
    .map(([framework, list]) => ({
      framework,
      rows: inTreeOrder(list).filter(
        (r) =>
          !needle ||
          r.reference.toLowerCase().includes(needle) ||
          r.title.toLowerCase().includes(needle),
      ),
    }))
    .filter((group) => group.rows.length > 0);
}

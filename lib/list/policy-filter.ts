import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { policies } from '@/db/schema';
import { invalid, many, one, UUID } from './url-params';

// `policy=<id>` (repeatable: any of them) and `framework=<name>` (case-insensitive), the
// same on incidents, tasks and schedules. A policy or framework that does not exist is a
// 400 naming the parameter: an examiner's link with a mistyped id must not show an empty
// list that reads as "nothing was mapped to it".

/** Every policy's id and framework, as the parsers check them (a few hundred rows). */
export type KnownPolicies = {
  ids: ReadonlySet<string>;
  /** Lowercased framework → the framework as written in the catalogue. */
  frameworks: ReadonlyMap<string, string>;
};

export type PolicyFilter = {
  /** Items attached to any of these policies; empty means no policy filter. */
  policyIds: string[];
  /** Items attached to a policy of this framework, as the catalogue spells it. */
  framework?: string;
};

export const POLICY_FILTER_PARAMETERS = ['policy', 'framework'] as const;

export async function getKnownPolicies(db: DbOrTx): Promise<KnownPolicies> {
  const rows = await db.select({ id: policies.id, framework: policies.framework }).from(policies);
  const frameworks = new Map<string, string>();
  for (const row of rows) {
    const key = row.framework.toLowerCase();
    if (!frameworks.has(key)) frameworks.set(key, row.framework);
  }
  return { ids: new Set(rows.map((r) => r.id)), frameworks };
}

/** Reads `policy` and `framework`; unknown ones are a ValidationError naming the parameter. */
export function parsePolicyFilter(
  searchParams: URLSearchParams,
  known: KnownPolicies | undefined,
): PolicyFilter {
  const policyIds: string[] = [];
  for (const value of many(searchParams, 'policy')) {
    if (!UUID.test(value)) invalid('policy', `"${value}" is not a policy id.`);
    const id = value.toLowerCase();
    if (!known?.ids.has(id)) invalid('policy', `No policy has the id ${id}.`);
    if (!policyIds.includes(id)) policyIds.push(id);
  }
  const text = one(searchParams, 'framework');
  if (!text) return { policyIds };
  const framework = known?.frameworks.get(text.toLowerCase());
  if (!framework) {
    const names = [...(known?.frameworks.values() ?? [])].sort();
    invalid(
      'framework',
      `Unknown framework "${text}"${names.length ? `; use ${names.join(', ')}` : ''}.`,
    );
  }
  return { policyIds, framework };
}

export function serializePolicyFilter(out: URLSearchParams, filter: PolicyFilter): void {
  for (const id of filter.policyIds) out.append('policy', id);
  if (filter.framework) out.set('framework', filter.framework);
}

/** A kind's link table to policies (incident_policies, task_policies, schedule_policies). */
export type PolicyLinks = { table: PgTable; parentId: AnyPgColumn; policyId: AnyPgColumn };

/**
 * The filter as conditions on the parent's id. Written as `id in (select … from links)` so
 * the planner can either probe the link table's primary key (parent_id, policy_id) row by
 * row while walking a list index, or start from the links_policy_idx index when the policy
 * is rare; the framework resolves to its policies through policies_framework_idx.
 */
export function policyConditions(
  parentId: AnyPgColumn,
  links: PolicyLinks,
  filter: PolicyFilter | undefined,
): SQL[] {
  const out: SQL[] = [];
  if (!filter) return out;
  if (filter.policyIds.length) {
    const ids = sql.join(
      filter.policyIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    out.push(
      sql`${parentId} in (select ${links.parentId} from ${links.table} where ${links.policyId} in (${ids}))`,
    );
  }
  if (filter.framework) {
    out.push(
      sql`${parentId} in (select ${links.parentId} from ${links.table} where ${links.policyId} in (select ${policies.id} from ${policies} where lower(${policies.framework}) = lower(${filter.framework})))`,
    );
  }
  return out;
}

export type PolicyFilterOptions = {
  policies: { id: string; label: string }[];
  frameworks: string[];
};

/** What the lists' policy and framework pickers offer: every policy, retired ones marked. */
export async function getPolicyFilterOptions(db: DbOrTx): Promise<PolicyFilterOptions> {
  const rows = await db
    .select({
      id: policies.id,
      framework: policies.framework,
      reference: policies.reference,
      title: policies.title,
      active: policies.active,
    })
    .from(policies)
    .orderBy(policies.framework, policies.reference);
  return {
    policies: rows.map((p) => ({
      id: p.id,
      label: `${p.framework} ${p.reference} — ${p.title}${p.active ? '' : ' (retired)'}`,
    })),
    frameworks: [...new Set(rows.map((p) => p.framework))],
  };
}

import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  incidentPolicies,
  incidents,
  policies,
  policyVersions,
  schedulePolicies,
  taskPolicies,
  taskSchedules,
  tasks,
  users,
  type Policy,
  type PolicyVersion,
} from '@/db/schema';
import { loadOwnerLabel } from '@/lib/owners/owner';

// A policy's page: the policy, every version it has had, and what is attached to it, each
// with the version it was attached at.

/** The newest attachments of each kind shown on the page; the count says how many there are. */
export const ATTACHED_LIMIT = 100;

export type PolicyDetail = {
  policy: Policy;
  ownerLabel: string;
  retiredByName: string | null;
  versions: (PolicyVersion & { createdByName: string | null })[];
  incidents: {
    rows: { id: string; number: number; title: string; state: string; version: number }[];
    total: number;
  };
  tasks: {
    rows: { id: string; number: number; title: string; state: string; version: number }[];
    total: number;
  };
  schedules: {
    id: string;
    name: string;
    active: boolean;
    version: number;
    reviewsThisPolicy: boolean;
  }[];
};

export async function getPolicy(db: DbOrTx, policyId: string): Promise<Policy | undefined> {
  const [policy] = await db.select().from(policies).where(eq(policies.id, policyId));
  return policy;
}

export async function getPolicyDetail(
  db: DbOrTx,
  policyId: string,
): Promise<PolicyDetail | undefined> {
  const policy = await getPolicy(db, policyId);
  if (!policy) return undefined;
  const [
    ownerLabel,
    retiredBy,
    versions,
    incidentRows,
    [incidentTotal],
    taskRows,
    [taskTotal],
    scheduleRows,
  ] = await Promise.all([
    loadOwnerLabel(db, policy),
    policy.retiredById
      ? db.select({ name: users.name }).from(users).where(eq(users.id, policy.retiredById))
      : Promise.resolve([]),
    db
      .select({ version: policyVersions, createdByName: users.name })
      .from(policyVersions)
      .leftJoin(users, eq(users.id, policyVersions.createdById))
      .where(eq(policyVersions.policyId, policyId))
      .orderBy(desc(policyVersions.version)),
    db
      .select({
        id: incidents.id,
        number: incidents.number,
        title: incidents.title,
        state: incidents.state,
        version: incidentPolicies.policyVersion,
      })
      .from(incidentPolicies)
      .innerJoin(incidents, eq(incidents.id, incidentPolicies.incidentId))
      .where(eq(incidentPolicies.policyId, policyId))
      .orderBy(desc(incidents.number))
      .limit(ATTACHED_LIMIT),
    db
      .select({ total: count() })
      .from(incidentPolicies)
      .where(eq(incidentPolicies.policyId, policyId)),
    db
      .select({
        id: tasks.id,
        number: tasks.number,
        title: tasks.title,
        state: tasks.state,
        version: taskPolicies.policyVersion,
      })
      .from(taskPolicies)
      .innerJoin(tasks, eq(tasks.id, taskPolicies.taskId))
      .where(eq(taskPolicies.policyId, policyId))
      .orderBy(desc(tasks.number))
      .limit(ATTACHED_LIMIT),
    db.select({ total: count() }).from(taskPolicies).where(eq(taskPolicies.policyId, policyId)),
    db
      .select({
        id: taskSchedules.id,
        name: taskSchedules.name,
        active: taskSchedules.active,
        version: schedulePolicies.policyVersion,
        reviewOf: taskSchedules.reviewOfPolicyId,
      })
      .from(schedulePolicies)
      .innerJoin(taskSchedules, eq(taskSchedules.id, schedulePolicies.scheduleId))
      .where(and(eq(schedulePolicies.policyId, policyId)))
      .orderBy(asc(taskSchedules.name)),
  ]);
  return {
    policy,
    ownerLabel,
    retiredByName: retiredBy[0]?.name ?? null,
    versions: versions.map((v) => ({ ...v.version, createdByName: v.createdByName })),
    incidents: { rows: incidentRows, total: incidentTotal.total },
    tasks: { rows: taskRows, total: taskTotal.total },
    schedules: scheduleRows.map(({ reviewOf, ...row }) => ({
      ...row,
      reviewsThisPolicy: reviewOf === policyId,
    })),
  };
}

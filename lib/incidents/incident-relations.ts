import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { incidentPolicies, incidentWatchers, policies, users } from '@/db/schema';
import type { WatcherInput } from './schemas';

// Watchers and policies of an incident: replaced as a whole by an edit, and described
// in the activity log by names a reader recognises.

export async function replaceWatchers(tx: Tx, incidentId: string, watchers: WatcherInput[]): Promise<void> {
  await tx.delete(incidentWatchers).where(eq(incidentWatchers.incidentId, incidentId));
  if (watchers.length) {
    await tx.insert(incidentWatchers).values(watchers.map((w) => ({ incidentId, userId: w.userId, frequency: w.frequency })));
  }
}

export async function replacePolicies(tx: Tx, incidentId: string, policyIds: string[]): Promise<void> {
  await tx.delete(incidentPolicies).where(eq(incidentPolicies.incidentId, incidentId));
  const unique = [...new Set(policyIds)];
  if (unique.length) await tx.insert(incidentPolicies).values(unique.map((policyId) => ({ incidentId, policyId })));
}

/** ["Sara Lopez (all)", "Dana Whitfield (opened and closed)"], sorted. */
export async function describeWatchers(tx: Tx, incidentId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: users.name, frequency: incidentWatchers.frequency })
    .from(incidentWatchers)
    .innerJoin(users, eq(users.id, incidentWatchers.userId))
    .where(eq(incidentWatchers.incidentId, incidentId));
  return rows.map((r) => `${r.name} (${r.frequency === 'all' ? 'all' : 'opened and closed'})`).sort();
}

export async function describePolicies(tx: Tx, incidentId: string): Promise<string[]> {
  const rows = await tx
    .select({ framework: policies.framework, reference: policies.reference })
    .from(incidentPolicies)
    .innerJoin(policies, eq(policies.id, incidentPolicies.policyId))
    .where(eq(incidentPolicies.incidentId, incidentId));
  return rows.map((r) => `${r.framework} ${r.reference}`).sort();
}

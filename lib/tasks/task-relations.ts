import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { policies, taskPolicies, taskWatchers, users } from '@/db/schema';
import type { WatcherInput } from '@/lib/incidents/schemas';

// Watchers and policies of a task: replaced as a whole by an edit, and described in the
// activity log by names a reader recognises (as incidents' are).

export async function replaceTaskWatchers(tx: Tx, taskId: string, watchers: WatcherInput[]): Promise<void> {
  await tx.delete(taskWatchers).where(eq(taskWatchers.taskId, taskId));
  if (watchers.length) {
    await tx.insert(taskWatchers).values(watchers.map((w) => ({ taskId, userId: w.userId, frequency: w.frequency })));
  }
}

export async function replaceTaskPolicies(tx: Tx, taskId: string, policyIds: string[]): Promise<void> {
  await tx.delete(taskPolicies).where(eq(taskPolicies.taskId, taskId));
  const unique = [...new Set(policyIds)];
  if (unique.length) await tx.insert(taskPolicies).values(unique.map((policyId) => ({ taskId, policyId })));
}

/** ["Sara Lopez (all)", "Dana Whitfield (opened and closed)"], sorted. */
export async function describeTaskWatchers(tx: Tx, taskId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: users.name, frequency: taskWatchers.frequency })
    .from(taskWatchers)
    .innerJoin(users, eq(users.id, taskWatchers.userId))
    .where(eq(taskWatchers.taskId, taskId));
  return rows.map((r) => `${r.name} (${r.frequency === 'all' ? 'all' : 'opened and closed'})`).sort();
}

export async function describeTaskPolicies(tx: Tx, taskId: string): Promise<string[]> {
  const rows = await tx
    .select({ framework: policies.framework, reference: policies.reference })
    .from(taskPolicies)
    .innerJoin(policies, eq(policies.id, taskPolicies.policyId))
    .where(eq(taskPolicies.taskId, taskId));
  return rows.map((r) => `${r.framework} ${r.reference}`).sort();
}

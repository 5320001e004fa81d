import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { policies, schedulePolicies, scheduleWatchers, users } from '@/db/schema';

// Watchers and policies of a schedule: replaced as a whole by an edit, described in the
// activity log by names a reader recognises, and copied into every generated task.

export type ScheduleWatcher = { userId: string; frequency: 'all' | 'opened_closed' };

export async function replaceScheduleWatchers(
  tx: Tx,
  scheduleId: string,
  watchers: ScheduleWatcher[],
): Promise<void> {
  await tx.delete(scheduleWatchers).where(eq(scheduleWatchers.scheduleId, scheduleId));
  if (watchers.length) {
    await tx
      .insert(scheduleWatchers)
      .values(watchers.map((w) => ({ scheduleId, userId: w.userId, frequency: w.frequency })));
  }
}

export async function replaceSchedulePolicies(
  tx: Tx,
  scheduleId: string,
  policyIds: string[],
): Promise<void> {
  await tx.delete(schedulePolicies).where(eq(schedulePolicies.scheduleId, scheduleId));
  const unique = [...new Set(policyIds)];
  if (unique.length)
    await tx.insert(schedulePolicies).values(unique.map((policyId) => ({ scheduleId, policyId })));
}

export async function getScheduleWatchers(db: DbOrTx, scheduleId: string) {
  return db
    .select({
      userId: scheduleWatchers.userId,
      frequency: scheduleWatchers.frequency,
      name: users.name,
      active: users.active,
    })
    .from(scheduleWatchers)
    .innerJoin(users, eq(users.id, scheduleWatchers.userId))
    .where(eq(scheduleWatchers.scheduleId, scheduleId))
    .orderBy(users.name);
}

export async function getSchedulePolicies(db: DbOrTx, scheduleId: string) {
  return db
    .select({
      id: policies.id,
      framework: policies.framework,
      reference: policies.reference,
      title: policies.title,
    })
    .from(schedulePolicies)
    .innerJoin(policies, eq(policies.id, schedulePolicies.policyId))
    .where(eq(schedulePolicies.scheduleId, scheduleId))
    .orderBy(policies.framework, policies.reference);
}

export async function describeScheduleWatchers(db: DbOrTx, scheduleId: string): Promise<string[]> {
  const rows = await getScheduleWatchers(db, scheduleId);
  return rows
    .map((r) => `${r.name} (${r.frequency === 'all' ? 'all' : 'opened and closed'})`)
    .sort();
}

export async function describeSchedulePolicies(db: DbOrTx, scheduleId: string): Promise<string[]> {
  const rows = await getSchedulePolicies(db, scheduleId);
  return rows.map((r) => `${r.framework} ${r.reference}`).sort();
}

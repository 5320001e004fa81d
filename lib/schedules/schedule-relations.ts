import { and, eq, notInArray } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { policies, schedulePolicies, scheduleWatchers, users } from '@/db/schema';
import { versionsToAttach } from '@/lib/policies/current-versions';

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

/** As a ticket's (lib/tickets/relations.ts): a link that stays keeps its version, a new one pins the current. */
export async function replaceSchedulePolicies(
  tx: Tx,
  scheduleId: string,
  policyIds: string[],
): Promise<void> {
  const unique = [...new Set(policyIds)];
  await tx
    .delete(schedulePolicies)
    .where(
      and(
        eq(schedulePolicies.scheduleId, scheduleId),
        unique.length ? notInArray(schedulePolicies.policyId, unique) : undefined,
      ),
    );
  if (!unique.length) return;
  const kept = await tx
    .select({ policyId: schedulePolicies.policyId })
    .from(schedulePolicies)
    .where(eq(schedulePolicies.scheduleId, scheduleId));
  const keptIds = new Set(kept.map((k) => k.policyId));
  const added = unique.filter((id) => !keptIds.has(id));
  if (!added.length) return;
  const versions = await versionsToAttach(tx, added);
  await tx
    .insert(schedulePolicies)
    .values(
      added.map((policyId) => ({
        scheduleId,
        policyId,
        policyVersion: versions.get(policyId) ?? 1,
      })),
    )
    .onConflictDoNothing();
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
      active: policies.active,
      version: schedulePolicies.policyVersion,
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

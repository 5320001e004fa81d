import { and, eq, notInArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { policies, users, type FieldChanges, type WatchFrequency } from '@/db/schema';
import { versionsToAttach } from '@/lib/policies/current-versions';
import type { TicketKind } from './ticket-kind';

// Watchers and policies of a ticket: replaced as a whole by an edit, and described in the
// activity log by names a reader recognises.

export type WatcherInput = { userId: string; frequency: WatchFrequency };

export async function replaceWatchers(
  tx: Tx,
  kind: TicketKind,
  ticketId: string,
  watchers: WatcherInput[],
): Promise<void> {
  const { table, ticketId: column, ticketKey } = kind.watchers;
  await tx.delete(table).where(eq(column, ticketId));
  if (watchers.length) {
    await tx.insert(table).values(
      watchers.map((w) => ({
        [ticketKey]: ticketId,
        userId: w.userId,
        frequency: w.frequency,
      })) as never,
    );
  }
}

/**
 * Links the ticket to exactly these policies. A link that stays keeps the version it was
 * attached at; a new one points at the policy's version in force now.
 */
export async function replacePolicies(
  tx: Tx,
  kind: TicketKind,
  ticketId: string,
  policyIds: string[],
): Promise<void> {
  const { table, ticketId: column, ticketKey } = kind.policies;
  const unique = [...new Set(policyIds)];
  await tx
    .delete(table)
    .where(
      and(eq(column, ticketId), unique.length ? notInArray(table.policyId, unique) : undefined),
    );
  if (!unique.length) return;
  const kept = await tx
    .select({ policyId: table.policyId })
    .from(table)
    .where(eq(column, ticketId));
  const keptIds = new Set(kept.map((k) => k.policyId as string));
  const added = unique.filter((id) => !keptIds.has(id));
  if (!added.length) return;
  const versions = await versionsToAttach(tx, added);
  await tx
    .insert(table)
    .values(
      added.map((policyId) => ({
        [ticketKey]: ticketId,
        policyId,
        policyVersion: versions.get(policyId) ?? 1,
      })) as never,
    )
    .onConflictDoNothing();
}

/** ["Sara Lopez (all)", "Dana Whitfield (opened and closed)"], sorted. */
export async function describeWatchers(
  tx: Tx,
  kind: TicketKind,
  ticketId: string,
): Promise<string[]> {
  const w = kind.watchers;
  const rows = await tx
    .select({ name: users.name, frequency: w.table.frequency })
    .from(w.table)
    .innerJoin(users, eq(users.id, w.table.userId))
    .where(eq(w.ticketId, ticketId));
  return rows
    .map((r) => `${r.name} (${r.frequency === 'all' ? 'all' : 'opened and closed'})`)
    .sort();
}

export async function describePolicies(
  tx: Tx,
  kind: TicketKind,
  ticketId: string,
): Promise<string[]> {
  const p = kind.policies;
  const rows = await tx
    .select({ framework: policies.framework, reference: policies.reference })
    .from(p.table)
    .innerJoin(policies, eq(policies.id, p.table.policyId))
    .where(eq(p.ticketId, ticketId));
  return rows.map((r) => `${r.framework} ${r.reference}`).sort();
}

/** A new ticket's watchers and policies, stored and described for its "created" activity row. */
export async function setInitialRelations(
  tx: Tx,
  kind: TicketKind,
  ticketId: string,
  input: { watchers: WatcherInput[]; policyIds: string[] },
): Promise<FieldChanges> {
  await replaceWatchers(tx, kind, ticketId, input.watchers);
  await replacePolicies(tx, kind, ticketId, input.policyIds);
  const watchers = await describeWatchers(tx, kind, ticketId);
  const policyNames = await describePolicies(tx, kind, ticketId);
  return {
    ...(watchers.length ? { watchers: { old: [], new: watchers } } : {}),
    ...(policyNames.length ? { policies: { old: [], new: policyNames } } : {}),
  };
}

/** An edit's watchers and policies (each only when given), replaced; what changed, by name. */
export async function changeRelations(
  tx: Tx,
  kind: TicketKind,
  ticketId: string,
  input: { watchers?: WatcherInput[]; policyIds?: string[] },
): Promise<FieldChanges> {
  const changes: FieldChanges = {};
  if (input.watchers) {
    const old = await describeWatchers(tx, kind, ticketId);
    await replaceWatchers(tx, kind, ticketId, input.watchers);
    const now = await describeWatchers(tx, kind, ticketId);
    if (old.join('|') !== now.join('|')) changes.watchers = { old, new: now };
  }
  if (input.policyIds) {
    const old = await describePolicies(tx, kind, ticketId);
    await replacePolicies(tx, kind, ticketId, input.policyIds);
    const now = await describePolicies(tx, kind, ticketId);
    if (old.join('|') !== now.join('|')) changes.policies = { old, new: now };
  }
  return changes;
}

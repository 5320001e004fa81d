import { activityLog, type FieldChanges } from '@/db/schema';
import type { Tx } from '@/db/client';
import { actorLabel, type Actor } from '@/lib/auth/actor';

export type ActivityInput = {
  action: string;
  entityType: string;
  entityId: string;
  changes?: FieldChanges;
};

/** Writes one activity-log row; call it inside the transaction that makes the change. */
export async function recordActivity(tx: Tx, actor: Actor, input: ActivityInput): Promise<void> {
  await recordActivities(tx, actor, [input]);
}

/** One insert for many rows: bulk operations log every item without a round trip each. */
export async function recordActivities(tx: Tx, actor: Actor, inputs: ActivityInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const who = {
    actorId: actor.kind === 'user' ? actor.userId : null,
    actorLabel: actorLabel(actor),
    requestId: actor.requestId ?? null,
    clientAddress: actor.kind === 'user' ? (actor.clientAddress ?? null) : null,
  };
  await tx.insert(activityLog).values(
    inputs.map((input) => ({
      ...who,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: input.changes ?? {},
    })),
  );
}

/** The `{field: {old, new}}` of the fields whose value differs between two versions of a row. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const oldValue = before[field];
    const newValue = after[field];
    if (JSON.stringify(oldValue) !== JSON.stringify(newValue)) {
      changes[field] = { old: oldValue ?? null, new: newValue ?? null };
    }
  }
  return changes;
}

import { sql } from 'drizzle-orm';
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

/**
 * One insert for many rows: bulk operations log every item without a round trip each. The
 * rows travel as one JSON parameter; as a multi-row VALUES, binding thousands of parameters
 * cost a bulk close more than writing the rows.
 */
export async function recordActivities(
  tx: Tx,
  actor: Actor,
  inputs: ActivityInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  const rows = inputs.map((input) => ({
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    changes: input.changes ?? {},
  }));
  await tx.execute(sql`
    insert into ${activityLog} (actor_id, actor_label, request_id, client_address, action, entity_type, entity_id, changes)
    select ${actor.kind === 'user' ? actor.userId : null}::uuid, ${actorLabel(actor)}, ${actor.requestId ?? null}, ${actor.kind === 'user' ? (actor.clientAddress ?? null) : null},
      r.action, r.entity_type, r.entity_id, r.changes
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(action text, entity_type text, entity_id text, changes jsonb)`);
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

import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { FieldChanges } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { ownerKey, type OwnerColumns } from '@/lib/owners/owner';
import { assertReferencesExist } from './assert-references';
import { loadTicketForUpdate } from './load-for-update';
import type { WatcherInput } from './relations';
import type { TicketKind, TicketRow } from './ticket-kind';

// The parts of an edit every kind of ticket shares: the checks before it, the fields all
// kinds have, how their change is logged, and the stamp of the new version.

export type TicketEditInput = {
  version: number;
  title?: string;
  dueAt?: Date | null;
  description?: string;
  owner?: OwnerColumns;
  watchers?: WatcherInput[];
  policyIds?: string[];
};

type Editable = TicketRow & { dueAt: Date | null; description: string };

/** Locks the ticket at the version the editor saw, and checks the owner, watchers and policies named exist. */
export async function loadForEdit<Row extends Editable>(
  tx: Tx,
  kind: TicketKind<Row>,
  actor: Actor,
  ticketId: string,
  input: TicketEditInput,
): Promise<Row> {
  const before = await loadTicketForUpdate(tx, kind, actor, ticketId, input.version);
  await assertReferencesExist(tx, input);
  return before;
}

type EditedFields = {
  title?: string;
  dueAt?: Date | null;
  description?: string;
  ownerUserId?: string | null;
  ownerTeamId?: string | null;
};

/** The shared fields the edit sets. */
export function editedFields(input: TicketEditInput): EditedFields {
  const fields: EditedFields = {};
  if (input.title !== undefined) fields.title = input.title;
  if (input.dueAt !== undefined) fields.dueAt = input.dueAt;
  if (input.description !== undefined) fields.description = input.description;
  if (input.owner) Object.assign(fields, input.owner);
  return fields;
}

/** How a new due date and a new owner read in the activity log (times as ISO text, owners as user:/team: keys). */
export function dueAndOwnerChanges(before: Editable, input: TicketEditInput): FieldChanges {
  const changes: FieldChanges = {};
  if (input.dueAt !== undefined && before.dueAt?.getTime() !== input.dueAt?.getTime()) {
    changes.dueAt = {
      old: before.dueAt?.toISOString() ?? null,
      new: input.dueAt?.toISOString() ?? null,
    };
  }
  if (input.owner && ownerKey(input.owner) !== ownerKey(before)) {
    changes.owner = { old: ownerKey(before) || null, new: ownerKey(input.owner) || null };
  }
  return changes;
}

/** Marks the row as changed by the actor now, one version on. */
export function newVersionStamp(kind: TicketKind, actor: Actor) {
  return {
    updatedAt: sql`now()`,
    updatedById: actor.kind === 'user' ? actor.userId : null,
    version: sql`${kind.table.version} + 1`,
  };
}

/** Writes the edit as the next version and logs it; the kind then says whom to tell. */
export async function writeEdit<Row extends TicketRow>(
  tx: Tx,
  kind: TicketKind<Row>,
  actor: Actor,
  ticketId: string,
  fields: object,
  changes: FieldChanges,
): Promise<Row> {
  const [after] = (await tx
    .update(kind.table)
    .set({ ...fields, ...newVersionStamp(kind, actor) } as never)
    .where(eq(kind.table.id, ticketId))
    .returning()) as Row[];
  await recordActivity(tx, actor, {
    action: `${kind.entityType}.updated`,
    entityType: kind.entityType,
    entityId: ticketId,
    changes,
  });
  return after;
}

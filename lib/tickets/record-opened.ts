import type { FieldChanges } from '@/db/schema';
import type { Tx } from '@/db/client';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { queueNotification } from '@/lib/notifications/queue-notification';
import { ownerKey } from '@/lib/owners/owner';
import { setInitialRelations, type WatcherInput } from './relations';
import type { TicketKind, TicketRow } from './ticket-kind';

/**
 * What follows the insert of a new ticket, in its transaction: its watchers and policies,
 * the "created" activity row with its first values (the kind adds its own in `changes`)
 * and the "opened" notification.
 */
export async function recordTicketOpened(
  tx: Tx,
  kind: TicketKind,
  actor: Actor,
  ticket: TicketRow & { dueAt: Date | null },
  input: { watchers: WatcherInput[]; policyIds: string[] },
  changes: FieldChanges,
): Promise<void> {
  const relations = await setInitialRelations(tx, kind, ticket.id, input);
  await recordActivity(tx, actor, {
    action: `${kind.entityType}.created`,
    entityType: kind.entityType,
    entityId: ticket.id,
    changes: {
      title: { old: null, new: ticket.title },
      state: { old: null, new: ticket.state },
      owner: { old: null, new: ownerKey(ticket) || null },
      ...(ticket.dueAt ? { dueAt: { old: null, new: ticket.dueAt.toISOString() } } : {}),
      ...changes,
      ...relations,
    },
  });
  await queueNotification(tx, actor, {
    entityType: kind.entityType,
    entityId: ticket.id,
    event: 'opened',
  });
}

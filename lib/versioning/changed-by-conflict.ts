import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ConflictError } from '@/lib/errors';
import { formatTime } from '@/lib/time/format';

/**
 * The refusal a person sees when the item moved on since they loaded it: who made the
 * last change and when, in their own time zone, so they know whom to ask before retrying.
 * `subject` reads "This task" or "TASK-2010"; `change` says what happened ("changed",
 * "closed", "marked invalid").
 */
export async function changedByConflict(
  tx: Tx,
  actor: Actor,
  item: { updatedById: string | null; updatedAt: Date },
  subject: string,
  change = 'changed',
): Promise<ConflictError> {
  const [editor] = item.updatedById
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, item.updatedById))
    : [];
  const zone = actor.kind === 'user' ? (actor.timeZone ?? 'UTC') : 'UTC';
  return new ConflictError(
    `${subject} was ${change} by ${editor?.name ?? 'someone else'} at ${formatTime(item.updatedAt, zone)} — reload to see it.`,
  );
}

import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { eventTriggers, type EventTrigger, type FieldChanges } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { ownerKey } from '@/lib/owners/owner';
import { assertReferencesExist } from '@/lib/tickets/assert-references';
import { parseInput } from '@/lib/validation';
import { changedByConflict } from '@/lib/versioning/changed-by-conflict';
import { intervalInWords } from './describe';
import {
  setTriggerActiveInput,
  updateTriggerInput,
  type SetTriggerActiveInput,
  type UpdateTriggerInput,
} from './schemas';
import { nextRunAt, startOfMinute } from './windows';

const PLAIN_FIELDS = ['name', 'description', 'query', 'threshold', 'severity'] as const;

async function loadForUpdate(
  tx: Tx,
  actor: Actor,
  triggerId: string,
  expectedVersion: number,
): Promise<EventTrigger> {
  const [trigger] = await tx
    .select()
    .from(eventTriggers)
    .where(eq(eventTriggers.id, triggerId))
    .for('update');
  if (!trigger) throw new NotFoundError('That trigger does not exist.');
  if (trigger.version !== expectedVersion)
    throw await changedByConflict(tx, actor, trigger, 'This trigger');
  return trigger;
}

async function save(
  tx: Tx,
  actor: Actor,
  triggerId: string,
  fields: Partial<EventTrigger>,
): Promise<EventTrigger> {
  const [after] = await tx
    .update(eventTriggers)
    .set({
      ...fields,
      updatedAt: sql`now()`,
      updatedById: actor.kind === 'user' ? actor.userId : null,
      version: sql`${eventTriggers.version} + 1`,
    })
    .where(eq(eventTriggers.id, triggerId))
    .returning();
  return after;
}

/**
 * Edits a trigger against the version the editor saw. Windows already evaluated keep their
 * record; the next window is counted with the new query, interval and threshold, starting
 * where the last evaluated one ended. Taken under the trigger's row lock, so an edit waits
 * for a window being evaluated and never lands in the middle of one.
 */
export async function updateTrigger(
  db: Db,
  actor: Actor,
  triggerId: string,
  rawInput: UpdateTriggerInput,
): Promise<EventTrigger> {
  assertCan(actor, 'triggers.manage');
  const input = parseInput(updateTriggerInput, rawInput);
  return db.transaction(async (tx) => {
    const before = await loadForUpdate(tx, actor, triggerId, input.version);
    await assertReferencesExist(tx, input);
    const fields: Partial<EventTrigger> = {};
    for (const key of PLAIN_FIELDS)
      if (input[key] !== undefined) Object.assign(fields, { [key]: input[key] });
    if (input.owner) Object.assign(fields, input.owner);
    const changes: FieldChanges = diffFields(before, fields, PLAIN_FIELDS);
    if (input.owner && ownerKey(input.owner) !== ownerKey(before))
      changes.owner = { old: ownerKey(before) || null, new: ownerKey(input.owner) || null };
    if (input.intervalMinutes !== undefined && input.intervalMinutes !== before.intervalMinutes) {
      fields.intervalMinutes = input.intervalMinutes;
      changes.interval = {
        old: intervalInWords(before.intervalMinutes),
        new: intervalInWords(input.intervalMinutes),
      };
      if (before.active)
        fields.nextRunAt = nextRunAt(before.accountedThrough, input.intervalMinutes);
    }
    if (Object.keys(changes).length === 0) return before;
    const after = await save(tx, actor, triggerId, fields);
    await recordActivity(tx, actor, {
      action: 'trigger.updated',
      entityType: 'trigger',
      entityId: triggerId,
      changes,
    });
    return after;
  });
}

/**
 * Pause or resume. A paused trigger is not evaluated at all: windows that had not been
 * evaluated when it was paused, and those while it is paused, get no record in its runs (the
 * pause and resume entries in its log say when). Resuming starts a fresh window at the
 * current minute, so a trigger paused for a noisy week does not open an incident for it.
 */
export async function setTriggerActive(
  db: Db,
  actor: Actor,
  triggerId: string,
  rawInput: SetTriggerActiveInput,
  now = new Date(),
): Promise<EventTrigger> {
  assertCan(actor, 'triggers.manage');
  const input = parseInput(setTriggerActiveInput, rawInput);
  return db.transaction(async (tx) => {
    const before = await loadForUpdate(tx, actor, triggerId, input.version);
    if (before.active === input.active) return before;
    const start = startOfMinute(now);
    const fields: Partial<EventTrigger> = input.active
      ? {
          active: true,
          accountedThrough: start,
          nextRunAt: nextRunAt(start, before.intervalMinutes),
        }
      : { active: false, nextRunAt: null };
    const after = await save(tx, actor, triggerId, fields);
    await recordActivity(tx, actor, {
      action: input.active ? 'trigger.resumed' : 'trigger.paused',
      entityType: 'trigger',
      entityId: triggerId,
      changes: {
        active: { old: before.active, new: after.active },
        ...(input.active
          ? { countsFrom: { old: before.accountedThrough.toISOString(), new: start.toISOString() } }
          : {}),
      },
    });
    return after;
  });
}

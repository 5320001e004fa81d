import type { DbOrTx } from '@/db/client';
import { eventTriggers, type EventTrigger } from '@/db/schema';
import { recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ownerKey } from '@/lib/owners/owner';
import { assertReferencesExist } from '@/lib/tickets/assert-references';
import { parseInput } from '@/lib/validation';
import { intervalInWords } from './describe';
import { createTriggerInput, type CreateTriggerInput } from './schemas';
import { nextRunAt, startOfMinute } from './windows';

export type TriggerOrigin = { templateKey: string };

/**
 * Creates a trigger and logs it. Its first window starts at the current minute: events from
 * before it was created are not counted (an example copied today does not alert on last
 * month). Composable: the demo seed and "Add from example" create inside one transaction.
 */
export async function createTrigger(
  db: DbOrTx,
  actor: Actor,
  rawInput: CreateTriggerInput,
  options: { now?: Date; origin?: TriggerOrigin } = {},
): Promise<EventTrigger> {
  assertCan(actor, 'triggers.manage');
  const input = parseInput(createTriggerInput, rawInput);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    await assertReferencesExist(tx, input);
    const actorId = actor.kind === 'user' ? actor.userId : null;
    const start = startOfMinute(now);
    const [trigger] = await tx
      .insert(eventTriggers)
      .values({
        name: input.name,
        description: input.description,
        query: input.query,
        intervalMinutes: input.intervalMinutes,
        threshold: input.threshold,
        severity: input.severity,
        ...input.owner,
        active: input.active,
        accountedThrough: start,
        nextRunAt: input.active ? nextRunAt(start, input.intervalMinutes) : null,
        templateKey: options.origin?.templateKey ?? null,
        createdById: actorId,
        updatedById: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordActivity(tx, actor, {
      action: 'trigger.created',
      entityType: 'trigger',
      entityId: trigger.id,
      changes: {
        name: { old: null, new: trigger.name },
        query: { old: null, new: trigger.query },
        interval: { old: null, new: intervalInWords(trigger.intervalMinutes) },
        threshold: { old: null, new: trigger.threshold },
        severity: { old: null, new: trigger.severity },
        ...(ownerKey(trigger) ? { owner: { old: null, new: ownerKey(trigger) } } : {}),
        active: { old: null, new: trigger.active },
        ...(trigger.templateKey ? { template: { old: null, new: trigger.templateKey } } : {}),
      },
    });
    return trigger;
  });
}

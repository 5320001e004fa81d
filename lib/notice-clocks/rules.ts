import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { noticeRules, type NoticeRule } from '@/db/schema';
import { diffFields, recordActivity } from '@/lib/activity/record-activity';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { parseInput } from '@/lib/validation';

// The rules an incident can be marked notifiable under. The shipped ones keep the words of
// the rule (only the organization's choice to enable them is its own); the organization's
// own rules (state laws, contracts) it writes and edits itself.

const text = (max: number) => z.string().max(max, `Use at most ${max} characters.`).trim();

export const noticeRuleInput = z.object({
  name: text(160).min(1, 'Name the rule.'),
  notify: text(200).min(1, 'Say who must be notified.'),
  citation: text(300).default(''),
  summary: text(4000).default(''),
  deadlineHours: z.coerce
    .number({ error: 'Give a whole number of hours.' })
    .int('Give a whole number of hours.')
    .min(1, 'Give at least 1 hour.')
    .max(8760, 'Give at most 8,760 hours (a year).'),
  clockStartsWhen: text(300).min(1, 'Say what starts the clock.'),
});

const versionInput = z.coerce.number().int().min(1);

/** Every rule, the shipped ones first, then by name. */
export function getNoticeRules(db: DbOrTx): Promise<NoticeRule[]> {
  return db
    .select()
    .from(noticeRules)
    .orderBy(sql`${noticeRules.builtinKey} is null`, asc(noticeRules.name));
}

export async function getEnabledNoticeRules(db: DbOrTx): Promise<NoticeRule[]> {
  return (await getNoticeRules(db)).filter((rule) => rule.enabled);
}

async function lockRule(tx: Tx, ruleId: string, version: number): Promise<NoticeRule> {
  const [rule] = z.uuid().safeParse(ruleId).success
    ? await tx.select().from(noticeRules).where(eq(noticeRules.id, ruleId)).for('update')
    : [];
  if (!rule) throw new NotFoundError('That notification rule does not exist.');
  if (rule.version !== version)
    throw new ConflictError(
      `“${rule.name}” was changed by someone else since this page was loaded. Reload to see it, then try again.`,
    );
  return rule;
}

async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: noticeRules.id })
    .from(noticeRules)
    .where(
      and(
        sql`lower(${noticeRules.name}) = lower(${name})`,
        exceptId ? ne(noticeRules.id, exceptId) : undefined,
      ),
    );
  if (taken) throw new ValidationError({ name: 'A rule with this name exists already.' });
}

export async function setNoticeRuleEnabled(
  db: Db,
  actor: Actor,
  rawInput: { ruleId: string; enabled: boolean; version: number | string },
): Promise<NoticeRule> {
  assertCan(actor, 'organization.manage');
  const version = parseInput(versionInput, rawInput.version);
  return db.transaction(async (tx) => {
    const rule = await lockRule(tx, rawInput.ruleId, version);
    if (rule.enabled === rawInput.enabled)
      throw new ConflictError(
        `“${rule.name}” is ${rule.enabled ? 'enabled' : 'disabled'} already. Reload to see it.`,
      );
    const [after] = await tx
      .update(noticeRules)
      .set({ enabled: rawInput.enabled, updatedAt: sql`now()`, version: rule.version + 1 })
      .where(eq(noticeRules.id, rule.id))
      .returning();
    await recordActivity(tx, actor, {
      action: rawInput.enabled ? 'notice-rule.enabled' : 'notice-rule.disabled',
      entityType: 'notice-rule',
      entityId: rule.id,
      changes: {
        name: { old: rule.name, new: rule.name },
        enabled: { old: rule.enabled, new: after.enabled },
      },
    });
    return after;
  });
}

export async function createNoticeRule(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof noticeRuleInput>,
): Promise<NoticeRule> {
  assertCan(actor, 'organization.manage');
  const input = parseInput(noticeRuleInput, rawInput);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    const [rule] = await tx
      .insert(noticeRules)
      .values({
        ...input,
        enabled: true,
        createdById: actor.kind === 'user' ? actor.userId : null,
      })
      .returning();
    await recordActivity(tx, actor, {
      action: 'notice-rule.created',
      entityType: 'notice-rule',
      entityId: rule.id,
      changes: diffFields({} as Partial<NoticeRule>, rule, [
        'name',
        'notify',
        'citation',
        'summary',
        'deadlineHours',
        'clockStartsWhen',
      ]),
    });
    return rule;
  });
}

export async function updateNoticeRule(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof noticeRuleInput> & { ruleId: string; version: number | string },
): Promise<NoticeRule> {
  assertCan(actor, 'organization.manage');
  const input = parseInput(noticeRuleInput, rawInput);
  const version = parseInput(versionInput, rawInput.version);
  return db.transaction(async (tx) => {
    const rule = await lockRule(tx, rawInput.ruleId, version);
    if (rule.builtinKey)
      throw new ConflictError(
        `“${rule.name}” is a rule Vigil ships with its own wording: enable or disable it, or add a rule of your own.`,
      );
    if (input.name.toLowerCase() !== rule.name.toLowerCase())
      await assertNameFree(tx, input.name, rule.id);
    const changes = diffFields(rule, input, [
      'name',
      'notify',
      'citation',
      'summary',
      'deadlineHours',
      'clockStartsWhen',
    ]);
    if (!Object.keys(changes).length) return rule;
    const [after] = await tx
      .update(noticeRules)
      .set({ ...input, updatedAt: sql`now()`, version: rule.version + 1 })
      .where(eq(noticeRules.id, rule.id))
      .returning();
    await recordActivity(tx, actor, {
      action: 'notice-rule.updated',
      entityType: 'notice-rule',
      entityId: rule.id,
      changes,
    });
    return after;
  });
}

import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { noticeRules } from '@/db/schema';
import { BUILTIN_NOTICE_RULES, type BuiltinNoticeRule } from './builtin-rules';

/**
 * Brings the shipped notification rules into notice_rules, keyed by builtin_key: new ones are
 * inserted disabled, revised wording replaces the old (a new version), and whether the
 * organization enabled a rule is never touched. Clocks keep the deadline they were given.
 * Run after migrations and by the seed, like the library sync; safe from many processes.
 */
export async function syncNoticeRules(
  db: DbOrTx,
  rules: readonly BuiltinNoticeRule[] = BUILTIN_NOTICE_RULES,
): Promise<void> {
  if (!rules.length) return;
  const changed = sql.join(
    (['name', 'notify', 'citation', 'summary', 'deadline_hours', 'clock_starts_when'] as const).map(
      (column) =>
        sql`notice_rules.${sql.identifier(column)} is distinct from excluded.${sql.identifier(column)}`,
    ),
    sql` or `,
  );
  await db
    .insert(noticeRules)
    .values(rules.map((rule) => ({ ...rule, enabled: false })))
    .onConflictDoUpdate({
      target: noticeRules.builtinKey,
      targetWhere: sql`${noticeRules.builtinKey} is not null`,
      set: {
        name: sql`excluded.name`,
        notify: sql`excluded.notify`,
        citation: sql`excluded.citation`,
        summary: sql`excluded.summary`,
        deadlineHours: sql`excluded.deadline_hours`,
        clockStartsWhen: sql`excluded.clock_starts_when`,
        updatedAt: sql`now()`,
        version: sql`${noticeRules.version} + 1`,
      },
      setWhere: changed,
    });
}

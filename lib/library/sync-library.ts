import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { libraryTemplates } from '@/db/schema';
import { defaultPattern, LIBRARY_TEMPLATES, type TemplateDefinition } from './templates';

export function templateRow(t: TemplateDefinition) {
  return {
    key: t.key,
    version: t.version,
    name: t.name,
    category: t.category,
    interval: t.interval,
    pattern: t.pattern ?? defaultPattern(t.interval),
    timeOfDay: t.timeOfDay ?? '08:00',
    dueInDays: t.dueInDays,
    description: t.description,
    query: t.query ?? '',
    policyRefs: t.policies.map(([framework, reference]) => ({ framework, reference })),
    frameworks: [...new Set(t.policies.map(([framework]) => framework))].sort(),
    basis: t.basis,
  };
}

/**
 * Brings library_templates in line with the shipped templates: new keys are inserted, a
 * template whose shipped version is higher is revised, nothing else changes. Schedules
 * copied from a template are separate rows and are never touched. Run after migrations
 * and by the seed; safe to run from many processes at once.
 */
export async function syncLibrary(
  db: DbOrTx,
  templates: TemplateDefinition[] = LIBRARY_TEMPLATES,
): Promise<void> {
  if (!templates.length) return;
  await db
    .insert(libraryTemplates)
    .values(templates.map(templateRow))
    .onConflictDoUpdate({
      target: libraryTemplates.key,
      set: {
        version: sql`excluded.version`,
        name: sql`excluded.name`,
        category: sql`excluded.category`,
        interval: sql`excluded.interval`,
        pattern: sql`excluded.pattern`,
        timeOfDay: sql`excluded.time_of_day`,
        dueInDays: sql`excluded.due_in_days`,
        description: sql`excluded.description`,
        query: sql`excluded.query`,
        policyRefs: sql`excluded.policy_refs`,
        frameworks: sql`excluded.frameworks`,
        basis: sql`excluded.basis`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${libraryTemplates.version} < excluded.version`,
    });
}

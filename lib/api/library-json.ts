import { z } from 'zod';
import type { LibraryTemplate } from '@/db/schema';
import { INTERVALS } from '@/lib/library/templates';
import { patternJson, scheduleJson, type ScheduleJson } from './schedule-json';
import { isoTimeJson, ticketPageJson } from './ticket-json';

// What the library API answers, as zod schemas (the OpenAPI document is generated from them).

export const libraryTemplateJson = z.object({
  key: z
    .string()
    .meta({ description: 'Give it to POST /api/v1/library/copy.', example: 'backup-verification' }),
  version: z.int().meta({ description: 'Raised when the template’s text changes.' }),
  name: z.string(),
  category: z.string(),
  interval: z.enum(INTERVALS),
  pattern: patternJson,
  timeOfDay: z.string().meta({ example: '08:00' }),
  dueInDays: z.int(),
  description: z.string().meta({ description: 'Markdown: the procedure.' }),
  query: z.string(),
  policyRefs: z
    .array(z.object({ framework: z.string(), reference: z.string() }))
    .meta({ description: 'Matched to your policies when copied.' }),
  frameworks: z.array(z.string()),
  basis: z.string().meta({ description: 'Why this interval: the guidance it follows.' }),
  updatedAt: isoTimeJson('2026-11-01T00:00:00.000Z'),
});
export type LibraryTemplateJson = z.infer<typeof libraryTemplateJson>;

/** GET /api/v1/library: every matching template on one page (the library is small). */
export const libraryPageJson = ticketPageJson(libraryTemplateJson, 'Matching templates.');
export type LibraryPageJson = z.infer<typeof libraryPageJson>;

/** POST /api/v1/library/copy. */
export const libraryCopyJson = z.object({
  data: z.array(scheduleJson).meta({ description: 'The new schedules, one per template.' }),
  nextSteps: z.array(z.string()).meta({ description: 'What to do next with the copies.' }),
});
export type LibraryCopyJson = z.infer<typeof libraryCopyJson>;

export function toLibraryTemplateJson(template: LibraryTemplate): LibraryTemplateJson {
  return {
    key: template.key,
    version: template.version,
    name: template.name,
    category: template.category,
    interval: template.interval as LibraryTemplateJson['interval'],
    pattern: template.pattern as ScheduleJson['pattern'],
    timeOfDay: template.timeOfDay,
    dueInDays: template.dueInDays,
    description: template.description,
    query: template.query,
    policyRefs: template.policyRefs,
    frameworks: template.frameworks,
    basis: template.basis,
    updatedAt: template.updatedAt.toISOString(),
  };
}

export function toLibraryPageJson(templates: LibraryTemplate[]): LibraryPageJson {
  return {
    data: templates.map(toLibraryTemplateJson),
    nextCursor: null,
    count: templates.length,
    countCapped: false,
  };
}

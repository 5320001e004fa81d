import { and, arrayContains, asc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { libraryTemplates, type LibraryTemplate } from '@/db/schema';
import { INTERVALS } from './templates';

/** The Library page's filters, read from the URL (and the API's query string) by one parser. */
export const libraryParams = z.object({
  category: z.string().max(100).trim().optional().catch(undefined),
  framework: z.string().max(100).trim().optional().catch(undefined),
  interval: z.enum(INTERVALS).optional().catch(undefined),
});
export type LibraryParams = z.output<typeof libraryParams>;

export function parseLibraryParams(
  search: URLSearchParams | Record<string, string | string[] | undefined>,
): LibraryParams {
  const get = (key: string) => {
    const value = search instanceof URLSearchParams ? search.get(key) : search[key];
    const one = Array.isArray(value) ? value[0] : value;
    return one || undefined;
  };
  return libraryParams.parse({
    category: get('category'),
    framework: get('framework'),
    interval: get('interval'),
  });
}

export async function getLibraryTemplates(
  db: DbOrTx,
  params: LibraryParams = {},
): Promise<LibraryTemplate[]> {
  const where: SQL[] = [];
  if (params.category) where.push(eq(libraryTemplates.category, params.category));
  if (params.framework) where.push(arrayContains(libraryTemplates.frameworks, [params.framework]));
  if (params.interval) where.push(eq(libraryTemplates.interval, params.interval));
  return db
    .select()
    .from(libraryTemplates)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(libraryTemplates.category), asc(libraryTemplates.name));
}

export async function getLibraryFacets(
  db: DbOrTx,
): Promise<{ categories: string[]; frameworks: string[] }> {
  const rows = await db
    .select({ category: libraryTemplates.category, frameworks: libraryTemplates.frameworks })
    .from(libraryTemplates);
  return {
    categories: [...new Set(rows.map((r) => r.category))].sort(),
    frameworks: [...new Set(rows.flatMap((r) => r.frameworks))].sort(),
  };
}

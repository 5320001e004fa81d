import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { taskSchedules } from '@/db/schema';
import { UUID } from '@/lib/uuid';

// "?copied=<id>.<version>,…" names the schedules a library copy just made and the version it
// made them at. The library page confirms them with links until each one is changed: a
// message about a past action goes away once the item changed.

export function copiedParam(copies: { id: string; version: number }[]): string {
  return copies.map((c) => `${c.id}.${c.version}`).join(',');
}

export type CopiedSchedule = { id: string; name: string };

export async function getStillCopied(
  db: DbOrTx,
  raw: string | string[] | undefined,
): Promise<CopiedSchedule[]> {
  const wanted = new Map<string, number>();
  for (const part of (Array.isArray(raw) ? raw[0] : raw)?.split(',').slice(0, 100) ?? []) {
    const [id, version] = part.split('.');
    if (UUID.test(id ?? '') && Number.isInteger(Number(version)))
      wanted.set(id.toLowerCase(), Number(version));
  }
  if (!wanted.size) return [];
  const rows = await db
    .select({ id: taskSchedules.id, name: taskSchedules.name, version: taskSchedules.version })
    .from(taskSchedules)
    .where(inArray(taskSchedules.id, [...wanted.keys()]));
  return rows.filter((r) => wanted.get(r.id) === r.version).map(({ id, name }) => ({ id, name }));
}

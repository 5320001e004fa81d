import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { ValidationError } from '@/lib/errors';

/** Refuses ids of people who do not exist or are deactivated (watchers, assignees). */
export async function assertActiveUsers(
  db: DbOrTx,
  userIds: string[],
  field: string,
): Promise<void> {
  const wanted = [...new Set(userIds)];
  if (!wanted.length) return;
  const found = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.active, true)));
  if (found.length !== wanted.length)
    throw new ValidationError({
      [field]: 'One of the chosen people does not exist or is deactivated.',
    });
}

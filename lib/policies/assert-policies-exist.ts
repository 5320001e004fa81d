import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { policies } from '@/db/schema';
import { ValidationError } from '@/lib/errors';

export async function assertPoliciesExist(
  db: DbOrTx,
  policyIds: string[],
  field = 'policyIds',
): Promise<void> {
  const wanted = [...new Set(policyIds)];
  if (!wanted.length) return;
  const found = await db
    .select({ id: policies.id })
    .from(policies)
    .where(inArray(policies.id, wanted));
  if (found.length !== wanted.length)
    throw new ValidationError({ [field]: 'One of the chosen policies does not exist.' });
}

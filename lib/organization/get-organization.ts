import type { DbOrTx } from '@/db/client';
import { organization, type Organization } from '@/db/schema';

export async function getOrganization(db: DbOrTx): Promise<Organization | undefined> {
  const [row] = await db.select().from(organization);
  return row;
}

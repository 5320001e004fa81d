import type { DbOrTx } from '@/db/client';
import { holidays } from '@/db/schema';
import type { BusinessCalendar } from '@/lib/incidents/response-target';
import { getOrganization } from './get-organization';

export async function getBusinessCalendar(db: DbOrTx): Promise<BusinessCalendar> {
  const [organization, days] = await Promise.all([
    getOrganization(db),
    db.select({ day: holidays.day }).from(holidays),
  ]);
  return { timeZone: organization?.timeZone ?? 'UTC', holidays: new Set(days.map((d) => d.day)) };
}

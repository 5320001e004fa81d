import { asc } from 'drizzle-orm';
import type { Metadata } from 'next';
import {
  HolidayForm,
  OrganizationForm,
  RemoveHolidayButton,
} from '@/components/settings/organization-forms';
import { MfaRequirementForm } from '@/components/settings/mfa-requirement-form';
import { NoticeRulesSection } from '@/components/notice-clocks/notice-rules-section';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { holidays } from '@/db/schema';
import { requirePermission } from '@/lib/auth/session';
import { getNoticeRules } from '@/lib/notice-clocks/rules';
import { getFallbackOwnerOptions } from '@/lib/organization/fallback-owner';
import { getOrganization } from '@/lib/organization/get-organization';

export const metadata: Metadata = { title: 'Organization' };

export default async function OrganizationPage() {
  await requirePermission('organization.manage');
  const db = getDb();
  const [organization, days, noticeRules] = await Promise.all([
    getOrganization(db),
    db.select().from(holidays).orderBy(asc(holidays.day)),
    getNoticeRules(db),
  ]);
  if (!organization)
    return <p>The organization has not been set up yet: run `npm run vigil -- seed`.</p>;
  const fallbackOptions = await getFallbackOwnerOptions(db, organization.fallbackOwnerUserId);
  return (
    <>
      <PageHeader
        title="Organization"
        description="Time zone, business days, who to call for urgent incidents and who takes the tasks of an ownerless schedule."
      />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card title="Organization">
          <OrganizationForm organization={organization} fallbackOptions={fallbackOptions} />
        </Card>
        <Card title="Two-step sign-in">
          <MfaRequirementForm mfaRequiredFor={organization.mfaRequiredFor} />
        </Card>
        <Card title="Holidays">
          <p className="mb-3 text-sm text-slate-600">
            Not business days: Low and None response targets skip them, as they skip weekends.
          </p>
          <ul className="mb-4 divide-y divide-slate-100 text-sm">
            {days.map((h) => (
              <li key={h.day} className="flex justify-between py-1.5">
                <span>
                  {h.day} · {h.name}
                </span>
                <RemoveHolidayButton day={h.day} />
              </li>
            ))}
          </ul>
          <HolidayForm />
        </Card>
      </div>
      <NoticeRulesSection rules={noticeRules} />
    </>
  );
}

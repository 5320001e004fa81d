import type { Metadata } from 'next';
import { ScheduleForm } from '@/components/schedules/schedule-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getOrganization } from '@/lib/organization/get-organization';
import { getPickerOptions } from '@/lib/pickers';
import { localParts } from '@/lib/schedules/recurrence';
import { createScheduleAction } from '../actions';

export const metadata: Metadata = { title: 'New task schedule' };

type Props = { searchParams: Promise<{ policy?: string | string[] }> };

export default async function NewSchedulePage({ searchParams }: Props) {
  const { user } = await requirePermission('schedules.manage');
  const db = getDb();
  // "New task schedule" on a policy's page: that policy pre-selected, when it is offered.
  const { policy } = await searchParams;
  const [options, organization] = await Promise.all([getPickerOptions(db), getOrganization(db)]);
  const timeZone = organization?.timeZone ?? user.timeZone;
  const { year, month, day } = localParts(new Date(), timeZone);
  const today = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return (
    <FormPage
      title="New task schedule"
      description="Each occurrence creates a task for the owner, with the watchers told by email."
    >
      <ScheduleForm
        action={createScheduleAction}
        options={options}
        submitLabel="Create schedule"
        values={{
          name: '',
          owner: '',
          description: '',
          query: '',
          watchers: [{ userId: user.id, frequency: 'all' }],
          policyIds: options.policies.some((p) => p.id === policy) ? [policy as string] : [],
          tags: [],
          groupName: '',
          dueInDays: 5,
          active: true,
          recurrence: {
            kind: 'monthly-day',
            interval: '1',
            weekdays: ['MO'],
            day: '1',
            ordinal: '1',
            weekday: 'MO',
            month: '1',
            timeOfDay: '08:00',
            timeZone,
            startDate: today,
            endDate: '',
          },
        }}
      />
    </FormPage>
  );
}

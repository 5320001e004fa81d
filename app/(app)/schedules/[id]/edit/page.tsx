import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ScheduleForm } from '@/components/schedules/schedule-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getPickerOptions } from '@/lib/pickers';
import { valuesFromPattern } from '@/lib/schedules/form-data';
import { getScheduleDetail } from '@/lib/schedules/get-schedule-detail';
import { updateScheduleAction } from '../../actions';
import { isUuid } from '@/lib/uuid';

export const metadata: Metadata = { title: 'Edit task schedule' };

export default async function EditSchedulePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('schedules.manage');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const [detail, options] = await Promise.all([getScheduleDetail(db, id), getPickerOptions(db)]);
  if (!detail) notFound();
  const { schedule } = detail;
  return (
    <FormPage
      title={`Edit · ${schedule.name}`}
      description="Changing the recurrence or pausing never changes tasks already created."
    >
      <ScheduleForm
        action={updateScheduleAction.bind(null, schedule.id)}
        options={options}
        submitLabel="Save schedule"
        values={{
          name: schedule.name,
          owner: schedule.ownerUserId
            ? `user:${schedule.ownerUserId}`
            : schedule.ownerTeamId
              ? `team:${schedule.ownerTeamId}`
              : '',
          description: schedule.description,
          query: schedule.query,
          watchers: detail.watchers.map((w) => ({ userId: w.userId, frequency: w.frequency })),
          policyIds: detail.policies.map((p) => p.id),
          tags: schedule.tags,
          groupName: schedule.groupName,
          dueInDays: schedule.dueInDays,
          active: schedule.active,
          version: schedule.version,
          recurrence: {
            ...valuesFromPattern(schedule.pattern),
            timeOfDay: schedule.timeOfDay,
            timeZone: schedule.timeZone,
            startDate: schedule.startDate,
            endDate: schedule.endDate ?? '',
          },
        }}
      />
    </FormPage>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TriggerForm } from '@/components/triggers/trigger-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ownerKey } from '@/lib/owners/owner';
import { getPickerOptions } from '@/lib/pickers';
import { getTrigger } from '@/lib/triggers/get-triggers';
import { updateTriggerAction } from '../../actions';
import { isUuid } from '@/lib/uuid';

export const metadata: Metadata = { title: 'Edit trigger' };

export default async function EditTriggerPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('triggers.manage');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const [trigger, options] = await Promise.all([getTrigger(db, id), getPickerOptions(db)]);
  if (!trigger) notFound();
  return (
    <FormPage
      title={`Edit · ${trigger.name}`}
      description="Windows already evaluated keep their record; the next window is counted with what you save."
    >
      <TriggerForm
        action={updateTriggerAction.bind(null, trigger.id)}
        options={options}
        submitLabel="Save trigger"
        values={{
          name: trigger.name,
          description: trigger.description,
          query: trigger.query,
          intervalMinutes: trigger.intervalMinutes,
          threshold: trigger.threshold,
          severity: trigger.severity,
          owner: ownerKey(trigger),
          version: trigger.version,
        }}
      />
    </FormPage>
  );
}

import type { Metadata } from 'next';
import { TriggerForm } from '@/components/triggers/trigger-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getPickerOptions } from '@/lib/pickers';
import { getTriggerExample } from '@/lib/triggers/examples';
import { createTriggerAction } from '../actions';

export const metadata: Metadata = { title: 'New trigger' };

type Props = { searchParams: Promise<{ example?: string }> };

export default async function NewTriggerPage({ searchParams }: Props) {
  await requirePermission('triggers.manage');
  const { example: key } = await searchParams;
  const example = typeof key === 'string' ? getTriggerExample(key) : undefined;
  const options = await getPickerOptions(getDb());
  return (
    <FormPage
      title={example ? `New trigger from “${example.name}”` : 'New trigger'}
      description="It counts from the current minute on: events from before it exists never open an incident."
    >
      <TriggerForm
        action={createTriggerAction}
        options={options}
        submitLabel="Create trigger"
        values={{
          name: example?.name ?? '',
          description: example?.description ?? '',
          query: example?.query ?? '',
          intervalMinutes: example?.intervalMinutes ?? 5,
          threshold: example?.threshold ?? 1,
          severity: example?.severity ?? 'medium',
          owner: '',
          templateKey: example?.key ?? null,
        }}
      />
    </FormPage>
  );
}

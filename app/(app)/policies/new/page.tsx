import type { Metadata } from 'next';
import { PolicyForm } from '@/components/policies/policy-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getPickerOptions } from '@/lib/pickers';
import { createPolicyAction } from '../actions';

export const metadata: Metadata = { title: 'New policy' };

export default async function NewPolicyPage() {
  await requirePermission('policies.manage');
  const options = await getPickerOptions(getDb());
  return (
    <FormPage
      title="New policy"
      description="One of your organization's own policies: versioned when its text changes, attachable to incidents, tasks and schedules."
    >
      <PolicyForm
        action={createPolicyAction}
        options={options}
        submitLabel="Create policy"
        values={{
          reference: '',
          title: '',
          statement: '',
          url: '',
          owner: '',
          reviewIntervalMonths: null,
        }}
      />
    </FormPage>
  );
}

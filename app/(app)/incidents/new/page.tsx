import type { Metadata } from 'next';
import { IncidentForm } from '@/components/incidents/incident-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getPickerOptions } from '@/lib/pickers';
import { createIncidentAction } from '../actions';

export const metadata: Metadata = { title: 'New incident' };

export default async function NewIncidentPage() {
  const { user } = await requirePermission('tickets.work');
  const options = await getPickerOptions(getDb());
  return (
    <FormPage
      title="New incident"
      description="It opens in Triage; the owner and watchers are notified by email."
    >
      <IncidentForm
        action={createIncidentAction}
        options={options}
        timeZone={user.timeZone}
        submitLabel="Create incident"
      />
    </FormPage>
  );
}

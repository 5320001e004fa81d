import type { Metadata } from 'next';
import { IncidentForm } from '@/components/incidents/incident-form';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { getPickerOptions } from '@/lib/pickers';
import { createIncidentAction } from '../actions';

export const metadata: Metadata = { title: 'New incident' };

export default async function NewIncidentPage() {
  const { user } = await requirePermission('tickets.work');
  const options = await getPickerOptions(getDb());
  return (
    <>
      <PageHeader
        title="New incident"
        description="It opens in Triage; the owner and watchers are notified by email."
      />
      <div className="max-w-4xl rounded-lg border border-slate-200 bg-white p-6">
        <IncidentForm
          action={createIncidentAction}
          options={options}
          timeZone={user.timeZone}
          submitLabel="Create incident"
        />
      </div>
    </>
  );
}

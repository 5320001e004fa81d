import type { Metadata } from 'next';
import Link from 'next/link';
import { IncidentForm } from '@/components/incidents/incident-form';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { incidentNumberLabel } from '@/lib/incidents/schemas';
import { ownerKey } from '@/lib/owners/owner';
import { getPickerOptions } from '@/lib/pickers';
import { isoToLocalInput } from '@/lib/time/local-input';
import { updateIncidentAction } from '../../actions';
import { loadIncident } from '../load-incident';

export const metadata: Metadata = { title: 'Edit incident' };

export default async function EditIncidentPage({
  params,
}: {
  params: Promise<{ number: string }>;
}) {
  const { user } = await requirePermission('tickets.work');
  const incident = await loadIncident((await params).number);
  const options = await getPickerOptions(getDb());
  return (
    <FormPage
      title={`Edit ${incidentNumberLabel(incident.number)}`}
      actions={
        <Link href={`/incidents/${incident.number}`} className="text-sm text-brand-700 underline">
          Back to the incident
        </Link>
      }
    >
      <IncidentForm
        action={updateIncidentAction.bind(null, incident.id)}
        options={options}
        timeZone={user.timeZone}
        submitLabel="Save changes"
        values={{
          title: incident.title,
          owner: ownerKey(incident),
          severity: incident.severity,
          dueAt: isoToLocalInput(incident.dueAt, user.timeZone),
          description: incident.description,
          watchers: incident.watchers.map((w) => ({ userId: w.userId, frequency: w.frequency })),
          policyIds: incident.policies.map((p) => p.id),
          version: incident.version,
        }}
      />
    </FormPage>
  );
}

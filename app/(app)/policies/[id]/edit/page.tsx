import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PolicyForm } from '@/components/policies/policy-form';
import { Alert } from '@/components/ui/alert';
import { FormPage } from '@/components/ui/form-page';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ownerKey } from '@/lib/owners/owner';
import { getPickerOptions } from '@/lib/pickers';
import { getPolicy } from '@/lib/policies/get-policy';
import { updatePolicyAction } from '../../actions';
import { isUuid } from '@/lib/uuid';

export const metadata: Metadata = { title: 'Edit policy' };

export default async function EditPolicyPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission('policies.manage');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const [policy, options] = await Promise.all([getPolicy(db, id), getPickerOptions(db)]);
  if (!policy) notFound();
  if (!policy.custom) {
    return (
      <FormPage title={`${policy.framework} ${policy.reference}`}>
        <Alert tone="info">
          Catalogue statements are not edited here: only your organization&apos;s own policies can
          be.
        </Alert>
      </FormPage>
    );
  }
  return (
    <FormPage
      title={`Edit · ${policy.reference} ${policy.title}`}
      description={`Version ${policy.currentVersion} is in force. Changing the title, statement, link or review interval makes version ${policy.currentVersion + 1}; what is attached keeps the version it was attached at.`}
    >
      <PolicyForm
        action={updatePolicyAction.bind(null, policy.id)}
        options={options}
        submitLabel="Save policy"
        values={{
          reference: policy.reference,
          title: policy.title,
          statement: policy.statement,
          url: policy.url,
          owner: ownerKey(policy),
          reviewIntervalMonths: policy.reviewIntervalMonths,
          version: policy.version,
        }}
      />
    </FormPage>
  );
}

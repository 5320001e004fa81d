import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActivityLog } from '@/components/activity/activity-log';
import { PolicyActions } from '@/components/policies/policy-actions';
import { PolicyAttachments } from '@/components/policies/policy-attachments';
import { PolicyRates } from '@/components/policies/policy-rates';
import { PolicyVersionsTable } from '@/components/policies/policy-versions-table';
import { TicketLayout } from '@/components/tickets/ticket-layout';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { LinkButton } from '@/components/ui/link-button';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { getActivity } from '@/lib/activity/get-activity';
import { roleCan } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getOrganization } from '@/lib/organization/get-organization';
import { getPolicyDetail } from '@/lib/policies/get-policy';
import { getPolicyRates } from '@/lib/policies/get-policy-rates';
import { formatDateTime } from '@/lib/time/format';
import { isUuid } from '@/lib/uuid';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string; version?: string }>;
};

export const metadata: Metadata = { title: 'Policy' };

export default async function PolicyPage({ params, searchParams }: Props) {
  const { user } = await requirePermission('tickets.view');
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const [detail, organization] = await Promise.all([getPolicyDetail(db, id), getOrganization(db)]);
  if (!detail) notFound();
  const { policy, versions } = detail;
  const { saved, version: versionParam } = await searchParams;
  const asked = versionParam ? Number(versionParam) : policy.currentVersion;
  const shown = versions.find((v) => v.version === asked);
  const orgZone = organization?.timeZone ?? 'UTC';
  const [rates, activity] = await Promise.all([
    getPolicyRates(db, policy.id, orgZone),
    getActivity(db, { entityType: 'policy', entityId: policy.id, limit: 100 }),
  ]);
  const canManage = roleCan(user.role, 'policies.manage');
  const canSchedule = roleCan(user.role, 'schedules.manage');
  const tz = user.timeZone;
  const label = `${policy.framework} ${policy.reference}`;
  const year = rates[rates.length - 1];
  const reportHref = `/reports/compliance?policy=${policy.id}&from=${year.fromDay}&to=${year.toDay}`;

  return (
    <>
      {saved && (
        <div className="mb-4">
          <Alert tone="success">Policy saved.</Alert>
        </div>
      )}
      <PageHeader
        title={`${label} · ${policy.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {policy.active ? (
              <Badge tone="green">Active</Badge>
            ) : (
              <Badge tone="amber">Retired</Badge>
            )}
            {policy.custom ? (
              <span>
                Your organization&apos;s policy · version {policy.currentVersion} in force · owner{' '}
                {detail.ownerLabel}
                {policy.reviewIntervalMonths
                  ? ` · reviewed every ${policy.reviewIntervalMonths} month${policy.reviewIntervalMonths === 1 ? '' : 's'}`
                  : ''}
              </span>
            ) : (
              <span>From the {policy.framework} catalogue</span>
            )}
          </span>
        }
        actions={
          <>
            {canSchedule && policy.active && (
              <LinkButton href={`/schedules/new?policy=${policy.id}`}>New task schedule</LinkButton>
            )}
            {canManage && policy.custom && (
              <LinkButton href={`/policies/${policy.id}/edit`}>Edit</LinkButton>
            )}
          </>
        }
      />
      {!policy.active && (
        <div className="mb-6">
          <Alert tone="warning">
            Retired
            {policy.retiredAt ? ` on ${formatDateTime(policy.retiredAt, tz)}` : ''}
            {detail.retiredByName ? ` by ${detail.retiredByName}` : ''}: {policy.retiredReason}. It
            is no longer offered where policies are chosen; what it is attached to still shows it.
          </Alert>
        </div>
      )}
      <TicketLayout
        main={
          <>
            <Card title={shown ? `Text · version ${shown.version}` : 'Text'}>
              {!shown ? (
                <Alert tone="error">
                  There is no version {versionParam} of this policy; it has versions 1 to{' '}
                  {policy.currentVersion}.
                </Alert>
              ) : (
                <div className="space-y-3 text-sm text-slate-800">
                  {shown.version !== policy.currentVersion && (
                    <Alert tone="info">
                      You are reading version {shown.version}, an earlier text. Version{' '}
                      {policy.currentVersion} is in force:{' '}
                      <Link href={`/policies/${policy.id}`} className="text-brand-700 underline">
                        read it
                      </Link>
                      .
                    </Alert>
                  )}
                  <p className="font-semibold">{shown.title}</p>
                  {shown.statement ? (
                    <p className="whitespace-pre-wrap">{shown.statement}</p>
                  ) : (
                    <p className="text-slate-500">No statement.</p>
                  )}
                  {shown.url && (
                    <p>
                      Full text:{' '}
                      <a
                        href={shown.url}
                        className="break-all text-brand-700 underline"
                        rel="noopener noreferrer"
                        target="_blank"
                      >
                        {shown.url}
                      </a>
                    </p>
                  )}
                  {policy.parentReference && (
                    <p className="text-slate-600">
                      Under {policy.framework} {policy.parentReference}.
                    </p>
                  )}
                </div>
              )}
            </Card>
            <Card title="Versions">
              <PolicyVersionsTable
                policyId={policy.id}
                versions={versions}
                current={policy.currentVersion}
                shown={shown?.version}
                timeZone={tz}
              />
            </Card>
            <PolicyAttachments detail={detail} />
            <Card title="Activity">
              <ActivityLog rows={activity} timeZone={tz} />
            </Card>
          </>
        }
        aside={
          <>
            <PolicyRates rates={rates} reportHref={reportHref} />
            {canManage && policy.custom && (
              <Card title="Retire">
                <PolicyActions
                  policyId={policy.id}
                  version={policy.version}
                  active={policy.active}
                  label={label}
                />
              </Card>
            )}
          </>
        }
      />
    </>
  );
}

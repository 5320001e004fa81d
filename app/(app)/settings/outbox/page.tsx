import type { Metadata } from 'next';
import { DevMailboxView } from '@/components/outbox/dev-mailbox';
import {
  isOutboxTab,
  OUTBOX_TABS,
  OutboxTabs,
  type OutboxTab,
} from '@/components/outbox/outbox-tabs';
import { OutboxTable } from '@/components/outbox/outbox-table';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import {
  getDevMailboxMessage,
  getDevMailboxPage,
  getOutboxCounts,
  getOutboxRows,
  OUTBOX_PAGE,
} from '@/lib/outbox/get-outbox';

export const metadata: Metadata = { title: 'Outbox' };

type SearchParams = Record<string, string | string[] | undefined>;

/** A positive id from the URL, or undefined for anything else. */
function idParam(value: SearchParams[string]): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { user, actor } = await requirePermission('outbox.view');
  const params = await searchParams;
  const db = getDb();
  const counts = await getOutboxCounts(db);
  // With no tab in the URL, open on what needs someone: failures if there are any, else the mail.
  const tab: OutboxTab = isOutboxTab(params.status)
    ? params.status
    : counts.failed > 0
      ? 'failed'
      : 'mailbox';
  const before = idParam(params.before);
  const after = idParam(params.after);
  const messageId = idParam(params.message);
  const tz = user.timeZone;
  const label = OUTBOX_TABS.find((t) => t.tab === tab)!.label;

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email, notification and job Vigil has queued. Failed messages were retried with backoff and then parked; fix the cause, then retry them."
      />
      <OutboxTabs current={tab} counts={counts} />
      {tab === 'mailbox' ? (
        <Card title={label}>
          <DevMailboxView
            page={await getDevMailboxPage(db, { before, after })}
            position={{ before, after }}
            message={messageId ? await getDevMailboxMessage(db, messageId) : undefined}
            timeZone={tz}
          />
        </Card>
      ) : (
        <Card title={`${label} messages`}>
          <OutboxRowsPage
            status={tab}
            before={before}
            canRetry={can(actor, 'outbox.retry')}
            timeZone={tz}
            label={`${label} messages`}
          />
        </Card>
      )}
    </>
  );
}

async function OutboxRowsPage({
  status,
  before,
  canRetry,
  timeZone,
  label,
}: {
  status: Exclude<OutboxTab, 'mailbox'>;
  before?: number;
  canRetry: boolean;
  timeZone: string;
  label: string;
}) {
  const rows = await getOutboxRows(getDb(), { status, before });
  return (
    <>
      <OutboxTable
        rows={rows}
        status={status}
        label={label}
        canRetry={canRetry}
        timeZone={timeZone}
      />
      <Pagination
        firstHref={before ? `/settings/outbox?status=${status}` : null}
        firstLabel="Newest"
        nextHref={
          rows.length === OUTBOX_PAGE
            ? `/settings/outbox?status=${status}&before=${rows.at(-1)!.id}`
            : null
        }
        nextLabel="Older"
      />
    </>
  );
}

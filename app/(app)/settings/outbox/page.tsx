import type { Metadata } from 'next';
import Link from 'next/link';
import { RetryButton } from '@/components/outbox/retry-button';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/db/client';
import { can } from '@/lib/auth/permissions';
import { requirePermission } from '@/lib/auth/session';
import { getDevMailbox, getDevMailboxMessage, getOutboxCounts, getOutboxRows, OUTBOX_PAGE, type OutboxStatus } from '@/lib/outbox/get-outbox';
import { formatDateTime } from '@/lib/time/format';

export const metadata: Metadata = { title: 'Outbox' };

const TABS: { status: OutboxStatus; label: string }[] = [
  { status: 'pending', label: 'Queued' },
  { status: 'failed', label: 'Failed' },
  { status: 'sent', label: 'Sent' },
];

function describe(payload: Record<string, unknown>): string {
  if (typeof payload.to === 'string') return `to ${payload.to}`;
  if (typeof payload.entityType === 'string') return `${payload.entityType} ${String(payload.entityId ?? '').slice(0, 8)} by ${String(payload.actorLabel ?? '')}`;
  return '';
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, actor } = await requirePermission('outbox.view');
  const params = await searchParams;
  const status = TABS.some((t) => t.status === params.status) ? (params.status as OutboxStatus) : 'failed';
  const before = Number(params.before) || undefined;
  const messageId = Number(params.message) || undefined;
  const db = getDb();
  const [counts, rows, mailbox, message] = await Promise.all([
    getOutboxCounts(db),
    getOutboxRows(db, { status, before }),
    getDevMailbox(db),
    messageId ? getDevMailboxMessage(db, messageId) : undefined,
  ]);
  const canRetry = can(actor, 'outbox.retry');
  const tz = user.timeZone;

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email, notification and job Vigil has queued. Failed messages were retried with backoff and then parked; fix the cause, then retry them."
      />
      <nav aria-label="Outbox status" className="mb-4 flex gap-2">
        {TABS.map((t) => (
          <Link
            key={t.status}
            href={`/settings/outbox?status=${t.status}`}
            aria-current={t.status === status ? 'page' : undefined}
            className={`rounded-md border px-3 py-1.5 text-sm ${t.status === status ? 'border-brand-600 bg-brand-50 font-medium' : 'border-slate-200 bg-white'}`}
          >
            {t.label} <Badge tone={t.status === 'failed' && counts.failed ? 'red' : 'neutral'}>{t.status === 'sent' && counts.sent >= 10_000 ? '10,000+' : counts[t.status]}</Badge>
          </Link>
        ))}
      </nav>

      <Card title={`${TABS.find((t) => t.status === status)!.label} messages`}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-3">#</th>
                  <th className="py-2 pr-3">Kind</th>
                  <th className="py-2 pr-3">Topic</th>
                  <th className="py-2 pr-3">Attempts</th>
                  <th className="py-2 pr-3">{status === 'sent' ? 'Sent' : status === 'pending' ? 'Next try' : 'Queued'}</th>
                  <th className="py-2 pr-3">Last error</th>
                  {status === 'failed' && canRetry && <th className="py-2" />}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100 align-top">
                    <td className="py-2 pr-3 tabular-nums">{row.id}</td>
                    <td className="py-2 pr-3">{row.kind}</td>
                    <td className="py-2 pr-3">
                      {row.topic}
                      <div className="text-xs text-slate-500">{describe(row.payload)}</div>
                    </td>
                    <td className="py-2 pr-3 tabular-nums">
                      {row.attempts} / {row.maxAttempts}
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      {formatDateTime(status === 'sent' ? row.deliveredAt : status === 'pending' ? row.availableAt : row.createdAt, tz)}
                    </td>
                    <td className="max-w-md py-2 pr-3 break-words text-red-800">{row.lastError ?? ''}</td>
                    {status === 'failed' && canRetry && (
                      <td className="py-2">
                        <RetryButton id={row.id} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rows.length === OUTBOX_PAGE && (
          <Link href={`/settings/outbox?status=${status}&before=${rows.at(-1)!.id}`} className="mt-3 inline-block text-sm text-brand-700 underline">
            Older
          </Link>
        )}
      </Card>

      <Card title="Development mailbox" className="mt-6">
        <p className="mb-3 text-sm text-slate-600">
          With neither RESEND_API_KEY nor SMTP_URL set, emails are kept here instead of being sent.
        </p>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Messages">
            {mailbox.length === 0 && <li className="py-2 text-slate-600">No messages yet.</li>}
            {mailbox.map((m) => (
              <li key={m.id} className="py-2">
                <Link href={`/settings/outbox?status=${status}&message=${m.id}`} className={m.id === messageId ? 'font-semibold text-brand-700' : 'text-slate-900 hover:underline'}>
                  {m.subject}
                </Link>
                <div className="text-xs text-slate-500">
                  to {m.to} · {formatDateTime(m.createdAt, tz)}
                </div>
              </li>
            ))}
          </ul>
          {message && (
            <section aria-label="Message" className="space-y-2">
              <dl className="text-sm">
                <div>
                  <dt className="inline font-medium">From: </dt>
                  <dd className="inline">{message.from}</dd>
                </div>
                <div>
                  <dt className="inline font-medium">To: </dt>
                  <dd className="inline">{message.to}</dd>
                </div>
                <div>
                  <dt className="inline font-medium">Subject: </dt>
                  <dd className="inline">{message.subject}</dd>
                </div>
              </dl>
              {/* The email's HTML never joins this page's DOM: an empty sandbox runs no script,
                  submits no form and cannot reach the admin's session. */}
              <iframe title="Rendered email" sandbox="" srcDoc={message.html} className="h-[32rem] w-full rounded border border-slate-200 bg-white" />
              <details>
                <summary className="cursor-pointer text-sm text-slate-700">Plain-text part</summary>
                <pre className="mt-2 overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs">{message.text}</pre>
              </details>
            </section>
          )}
        </div>
      </Card>
    </>
  );
}

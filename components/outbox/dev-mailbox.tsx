import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import type { DevMailboxMessage } from '@/db/schema';
import type { DevMailboxPage } from '@/lib/outbox/get-outbox';
import { formatDateTime } from '@/lib/time/format';

// A list and a reading pane, like any mail client. Every link keeps the page of the list
// (`before`/`after`) and the tab, so opening a message never moves you somewhere else.

export type MailboxPosition = { before?: number; after?: number };

export function mailboxHref(position: MailboxPosition, message?: number): string {
  const query = new URLSearchParams({ status: 'mailbox' });
  if (position.before !== undefined) query.set('before', String(position.before));
  else if (position.after !== undefined) query.set('after', String(position.after));
  if (message !== undefined) query.set('message', String(message));
  return `/settings/outbox?${query}`;
}

export function DevMailboxView({
  page,
  position,
  message,
  timeZone,
}: {
  page: DevMailboxPage;
  position: MailboxPosition;
  message?: DevMailboxMessage;
  timeZone: string;
}) {
  return (
    <>
      <p className="mb-3 text-sm text-slate-600">
        With neither RESEND_API_KEY nor SMTP_URL set, emails are kept here instead of being sent.
      </p>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div>
          {page.rows.length === 0 ? (
            <EmptyState
              title={
                position.before || position.after
                  ? 'No more messages this way.'
                  : 'No messages yet.'
              }
            />
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="Messages">
              {page.rows.map((m) => (
                <li key={m.id} className="py-2">
                  <Link
                    href={mailboxHref(position, m.id)}
                    aria-current={m.id === message?.id ? 'true' : undefined}
                    className={
                      m.id === message?.id
                        ? 'font-semibold text-brand-700'
                        : 'text-slate-900 hover:underline'
                    }
                  >
                    {m.subject}
                  </Link>
                  <div className="text-xs text-slate-500">
                    to {m.to} · {formatDateTime(m.createdAt, timeZone)}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Pagination
            label="Mailbox pages"
            prevHref={page.newerCursor !== null ? mailboxHref({ after: page.newerCursor }) : null}
            prevLabel="Newer messages"
            nextHref={page.olderCursor !== null ? mailboxHref({ before: page.olderCursor }) : null}
            nextLabel="Older messages"
          />
        </div>
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
            <iframe
              title="Rendered email"
              sandbox=""
              srcDoc={message.html}
              className="h-[32rem] w-full rounded border border-slate-200 bg-white"
            />
            <details>
              <summary className="cursor-pointer text-sm text-slate-700">Plain-text part</summary>
              <pre className="mt-2 overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs">
                {message.text}
              </pre>
            </details>
          </section>
        )}
      </div>
    </>
  );
}

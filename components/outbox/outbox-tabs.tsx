import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { OutboxStatus } from '@/lib/outbox/get-outbox';

export type OutboxTab = OutboxStatus | 'mailbox';

export const OUTBOX_TABS: { tab: OutboxTab; label: string }[] = [
  { tab: 'pending', label: 'Queued' },
  { tab: 'failed', label: 'Failed' },
  { tab: 'sent', label: 'Sent' },
  { tab: 'mailbox', label: 'Development mailbox' },
];

export function isOutboxTab(value: unknown): value is OutboxTab {
  return OUTBOX_TABS.some((t) => t.tab === value);
}

/** The tabs of Settings → Outbox; the one in the URL is the current page. */
export function OutboxTabs({
  current,
  counts,
}: {
  current: OutboxTab;
  counts: Record<OutboxStatus, number>;
}) {
  return (
    <nav aria-label="Outbox status" className="mb-4 flex flex-wrap gap-2">
      {OUTBOX_TABS.map((t) => (
        <Link
          key={t.tab}
          href={`/settings/outbox?status=${t.tab}`}
          aria-current={t.tab === current ? 'page' : undefined}
          className={`rounded-md border px-3 py-1.5 text-sm ${t.tab === current ? 'border-brand-600 bg-brand-50 font-medium' : 'border-slate-200 bg-white'}`}
        >
          {t.label}
          {t.tab !== 'mailbox' && (
            <>
              {' '}
              <Badge tone={t.tab === 'failed' && counts.failed ? 'red' : 'neutral'}>
                {t.tab === 'sent' && counts.sent >= 10_000 ? '10,000+' : counts[t.tab]}
              </Badge>
            </>
          )}
        </Link>
      ))}
    </nav>
  );
}

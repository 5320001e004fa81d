import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { ownerLabel } from '@/lib/owners/owner-label';
import { formatDateTime } from '@/lib/time/format';
import type { TicketDetailCommon } from './ticket-types';

/** One term and its value in the details list. */
export function DetailRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{term}</dt>
      <dd className="col-span-2">{children}</dd>
    </>
  );
}

/**
 * Owner, due, created, closed, watchers and policies; `timing` (after Due) and `extra`
 * (before Watchers) hold what only one kind has, such as the response clock or the schedule.
 */
export function DetailsSection({
  ticket,
  timeZone,
  source,
  closedTerm = 'Closed',
  timing,
  extra,
}: {
  ticket: TicketDetailCommon;
  timeZone: string;
  source?: string;
  closedTerm?: string;
  timing?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Card title="Details">
      <dl className="grid grid-cols-3 gap-x-3 gap-y-2 text-sm">
        <DetailRow term="Owner">{ownerLabel(ticket.owner)}</DetailRow>
        <DetailRow term="Due">{formatDateTime(ticket.dueAt, timeZone)}</DetailRow>
        {timing}
        <DetailRow term="Created">
          {formatDateTime(ticket.createdAt, timeZone)} by {ticket.createdByName ?? 'Vigil'}
          {source && ` (${source})`}
        </DetailRow>
        {ticket.closedAt && (
          <DetailRow term={closedTerm}>{formatDateTime(ticket.closedAt, timeZone)}</DetailRow>
        )}
        {extra}
        <DetailRow term="Watchers">
          {ticket.watchers.length
            ? ticket.watchers
                .map((w) => `${w.name} (${w.frequency === 'all' ? 'all' : 'opened and closed'})`)
                .join(', ')
            : '—'}
        </DetailRow>
        <DetailRow term="Policies">
          {ticket.policies.length
            ? ticket.policies.map((p) => `${p.framework} ${p.reference}`).join(', ')
            : '—'}
        </DetailRow>
      </dl>
    </Card>
  );
}

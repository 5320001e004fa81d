import Link from 'next/link';
import { ResponseClockBadge } from '@/components/incidents/response-clock-badge';
import type { DashboardViewer, MyWork } from '@/lib/dashboard/get-my-work';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { countWords, whose } from './whose';

/** My open incidents, breached first, then at risk, then by response time left. */
export function MyIncidents({ work, viewer, now }: { work: MyWork['incidents']; viewer: DashboardViewer; now: Date }) {
  return (
    <div data-testid="my-incidents">
      <p className="mb-3 text-sm text-slate-600">
        {countWords(work.open, 'incident')}
        {work.breached > 0 && <span className="font-semibold text-red-700"> · {work.breached} past the response target</span>}
        {work.atRisk > 0 && <span className="text-amber-800"> · {work.atRisk} at risk</span>}
      </p>
      {work.rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-500">No open incidents are yours or your teams’.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {work.rows.map((incident) => (
            <li key={incident.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
              <span className="min-w-0 flex-1">
                <Link href={`/incidents/${incident.number}`} className="font-medium text-brand-700 underline">
                  INC-{incident.number}
                </Link>{' '}
                <span className="line-clamp-2 block break-words">{incident.title}</span>
                <span className="block text-xs text-slate-500">
                  {SEVERITY_LABELS[incident.severity]} · {STATE_LABELS[incident.state]} · {whose(incident, viewer)}
                </span>
              </span>
              <ResponseClockBadge incident={incident} now={now} />
            </li>
          ))}
        </ul>
      )}
      {work.open.count > work.rows.length && (
        <Link href="/incidents?owner=me" className="mt-2 inline-block text-sm text-brand-700 underline">
          All my incidents
        </Link>
      )}
    </div>
  );
}

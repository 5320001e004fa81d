import { ResponseClockBadge } from '@/components/incidents/response-clock-badge';
import type { DashboardViewer, MyWork } from '@/lib/dashboard/get-my-work';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { countWords, whose } from './whose';
import { WorkList } from './work-list';

/** My open incidents, breached first, then at risk, then by response time left. */
export function MyIncidents({ work, viewer, now }: { work: MyWork['incidents']; viewer: DashboardViewer; now: Date }) {
  return (
    <WorkList
      testId="my-incidents"
      summary={
        <>
          {countWords(work.open, 'incident')}
          {work.breached > 0 && <span className="font-semibold text-red-700"> · {work.breached} past the response target</span>}
          {work.atRisk > 0 && <span className="text-amber-800"> · {work.atRisk} at risk</span>}
        </>
      }
      rows={work.rows}
      total={work.open.count}
      prefix="INC"
      path="/incidents"
      empty="No open incidents are yours or your teams’."
      more={{ href: '/incidents?owner=me', label: 'All my incidents' }}
      detail={(incident) => `${SEVERITY_LABELS[incident.severity]} · ${STATE_LABELS[incident.state]} · ${whose(incident, viewer)}`}
      status={(incident) => <ResponseClockBadge incident={incident} now={now} />}
    />
  );
}

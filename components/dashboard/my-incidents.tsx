import { ResponseClockBadge } from '@/components/incidents/response-clock-badge';
import type { DashboardViewer, MyWork } from '@/lib/dashboard/get-my-work';
import { SEVERITY_LABELS, STATE_LABELS } from '@/lib/incidents/schemas';
import { whose } from './whose';
import { WorkList } from './work-list';

/** My open incidents, breached first, then at risk, then by response time left. */
export function MyIncidents({
  work,
  viewer,
  now,
}: {
  work: MyWork['incidents'];
  viewer: DashboardViewer;
  now: Date;
}) {
  return (
    <WorkList
      kind="incident"
      rows={work.rows}
      open={work.open}
      urgent={
        <>
          {work.breached > 0 && (
            <span className="font-semibold text-red-700">
              {' '}
              · {work.breached} past the response target
            </span>
          )}
          {work.atRisk > 0 && <span className="text-amber-800"> · {work.atRisk} at risk</span>}
        </>
      }
      detail={(incident) =>
        `${SEVERITY_LABELS[incident.severity]} · ${STATE_LABELS[incident.state]} · ${whose(incident, viewer)}`
      }
      status={(incident) => <ResponseClockBadge incident={incident} now={now} />}
    />
  );
}

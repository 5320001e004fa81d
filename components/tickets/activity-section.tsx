import type { ComponentProps } from 'react';
import { ActivityLog } from '@/components/activity/activity-log';
import { Card } from '@/components/ui/card';

/** The item's activity log, with its CSV download (`basePath` is "/incidents/1042"). */
export function ActivitySection({
  basePath,
  rows,
  timeZone,
}: {
  basePath: string;
  rows: ComponentProps<typeof ActivityLog>['rows'];
  timeZone: string;
}) {
  return (
    <Card title="Activity log">
      <div id="activity">
        <a
          href={`${basePath}/activity.csv`}
          className="mb-3 inline-block text-sm text-brand-700 underline"
          download
        >
          Download the activity log (CSV)
        </a>
        <ActivityLog rows={rows} timeZone={timeZone} />
      </div>
    </Card>
  );
}

import { Card } from '@/components/ui/card';
import type { DashboardViewer, MyWork as MyWorkData } from '@/lib/dashboard/get-my-work';
import { MyIncidents } from './my-incidents';
import { MyTasks } from './my-tasks';

/** "My work": what the viewer and their teams own, the most urgent first. */
export function MyWork({
  work,
  viewer,
  timeZone,
  now,
}: {
  work: MyWorkData;
  viewer: DashboardViewer;
  timeZone: string;
  now: Date;
}) {
  const teams = viewer.teams.map((team) => team.name);
  return (
    <section aria-labelledby="my-work-heading" className="space-y-4">
      <div>
        <h2 id="my-work-heading" className="text-lg font-semibold text-slate-900">
          My work
        </h2>
        <p className="text-sm text-slate-600" data-testid="my-work-scope">
          {teams.length
            ? `Owned by you or by a team you belong to: ${teams.join(', ')}.`
            : 'Owned by you. You belong to no team.'}
        </p>
      </div>
      <div className="grid items-start gap-4 md:grid-cols-2">
        <Card title="My open incidents">
          <MyIncidents work={work.incidents} viewer={viewer} now={now} />
        </Card>
        <Card title="My open tasks">
          <MyTasks work={work.tasks} viewer={viewer} timeZone={timeZone} now={now} />
        </Card>
      </div>
    </section>
  );
}

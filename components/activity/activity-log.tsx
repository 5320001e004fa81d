import type { ActivityRow } from '@/db/schema';
import { getDb } from '@/db/client';
import { getActivityLabels } from '@/lib/activity/activity-labels';
import { ActivityList } from './activity-list';

/** The activity list with the people, teams, schedules and items its rows mention named, in one query. */
export async function ActivityLog({ rows, timeZone }: { rows: ActivityRow[]; timeZone: string }) {
  const labels = await getActivityLabels(getDb(), rows);
  return <ActivityList rows={rows} timeZone={timeZone} labels={labels} />;
}

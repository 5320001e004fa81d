import type { ActivityRow } from '@/db/schema';
import { getDb } from '@/db/client';
import { ownerNames } from '@/lib/activity/describe-changes';
import { ActivityList } from './activity-list';

/** The activity list with the people and teams its rows mention looked up by name. */
export async function ActivityLog({ rows, timeZone }: { rows: ActivityRow[]; timeZone: string }) {
  const owners = await ownerNames(getDb(), ...rows.map((row) => row.changes));
  return <ActivityList rows={rows} timeZone={timeZone} owners={owners} />;
}

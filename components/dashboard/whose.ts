import type { DashboardViewer } from '@/lib/dashboard/get-my-work';

/** "You" or "TRAC (team)": why an item is in the viewer's work. */
export function whose(
  item: { ownerUserId: string | null; ownerTeamId: string | null },
  viewer: DashboardViewer,
): string {
  if (item.ownerUserId === viewer.userId) return 'You';
  const team = viewer.teams.find((t) => t.id === item.ownerTeamId);
  return team ? `${team.name} (team)` : 'Someone else';
}

/** "1 open incident", "1000+ open tasks". */
export function countWords(count: { count: number; capped: boolean }, noun: string): string {
  return `${count.count}${count.capped ? '+' : ''} open ${noun}${count.count === 1 && !count.capped ? '' : 's'}`;
}

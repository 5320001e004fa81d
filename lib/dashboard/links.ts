import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Severity } from '@/db/schema';
import type { DashboardScope, OpenState } from './get-dashboard';

// Where each of the dashboard's numbers leads: the list filtered to exactly what was
// counted. Ranges are written as instants in the organization's zone, the end as the last
// millisecond inside (the lists read an instant given as the end as included), so a viewer
// in another zone sees the same rows the figure counted.

/** "2026-12-06T23:59:59.999-06:00". */
function instant(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
}

function url(path: string, entries: [string, string][]): string {
  return `${path}?${new URLSearchParams(entries).toString()}`;
}

/** "Me or one of my teams" on the lists (owner=my-teams). */
function scoped(scope: DashboardScope): [string, string][] {
  return scope === 'my-teams' ? [['owner', 'my-teams']] : [];
}

export function openSeverityHref(scope: DashboardScope, severity: Severity): string {
  return url('/incidents', [['severity', severity], ...scoped(scope)]);
}

export function openStateHref(scope: DashboardScope, state: OpenState): string {
  return url('/incidents', [['state', state], ...scoped(scope)]);
}

export function openIncidentsHref(scope: DashboardScope): string {
  return url('/incidents', scoped(scope));
}

export function responseHref(scope: DashboardScope, response: 'breached' | 'at-risk'): string {
  return url('/incidents', [['response', response], ...scoped(scope)]);
}

export function overdueTasksHref(scope: DashboardScope): string {
  return url('/tasks', [['overdue', 'true'], ...scoped(scope)]);
}

export function tasksDueHref(
  scope: DashboardScope,
  range: { from: Date; to: Date },
  timeZone: string,
): string {
  return url('/tasks', [
    ['dueFrom', instant(range.from, timeZone)],
    ['dueTo', instant(new Date(range.to.getTime() - 1), timeZone)],
    ...scoped(scope),
  ]);
}

/** The incidents one month's figure is made of: closed in that month, of that severity. */
export function closedInMonthHref(
  scope: DashboardScope,
  month: { from: Date; to: Date },
  severity: Severity | undefined,
  timeZone: string,
): string {
  return url('/incidents', [
    ['state', 'closed'],
    ...(severity ? ([['severity', severity]] as [string, string][]) : []),
    ['closedFrom', instant(month.from, timeZone)],
    ['closedTo', instant(new Date(month.to.getTime() - 1), timeZone)],
    ...scoped(scope),
  ]);
}

export function complianceReportHref(fromDay: string, toDay: string): string {
  return url('/reports/compliance', [
    ['from', fromDay],
    ['to', toDay],
  ]);
}

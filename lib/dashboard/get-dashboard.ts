import { TZDate } from '@date-fns/tz';
import { and, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import {
  incidentCloseMonths,
  incidents,
  tasks,
  type IncidentState,
  type Severity,
} from '@/db/schema';
import { AT_RISK_FRACTION } from '@/lib/incidents/response-target';
import { INCIDENT_STATES, SEVERITIES } from '@/lib/incidents/schemas';
import { onTimeRate } from '@/lib/reports/on-time-rate';
import { countPeriods } from '@/lib/schedules/count-periods';
import type { PeriodStatus } from '@/lib/schedules/task-outcome';
import { overdueCondition, taskDueExpression, taskIsOpen } from '@/lib/tasks/overdue';
import { isValidTimeZone } from '@/lib/time/time-zones';

// The figures of the dashboard: what is open, what is breaching, what is late, and whether
// we are getting faster. Each is one short query, none reads the whole table (EXPLAINed at
// 1,000,000 incidents and tasks by `npm run bench -- compliance --only dashboard`):
// - open incidents by state and severity: index-only over incidents_open_state_severity_idx;
// - breached and at risk: incidents_unanswered_idx (unanswered open incidents only);
// - overdue and due this week: the open-only task indexes;
// - on-time rate: the periods ledger of the last 90 days (countPeriods, onTimeRate);
// - the 12 months: incident_close_months, a rollup kept by triggers (migration dashboard-sql).
// Calendar days, weeks (Monday first) and months are the organization's.

export const DASHBOARD_SCOPES = ['everyone', 'my-teams'] as const;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];
export const ON_TIME_DAYS = 90;
export const MONTHS = 12;

export const OPEN_STATES = INCIDENT_STATES.filter(
  (s): s is Exclude<IncidentState, 'closed'> => s !== 'closed',
);
export type OpenState = (typeof OPEN_STATES)[number];

export type DashboardViewerScope = { userId: string; teamIds: string[] };

export type MonthFigures = {
  /** Incidents closed in the month. */
  closed: number;
  /** Of those, answered at all, and answered by the response target. */
  responded: number;
  withinTarget: number;
  /** Means in milliseconds; null when nothing was closed (or answered). */
  meanRespondMs: number | null;
  meanCloseMs: number | null;
  /** withinTarget / closed; null when nothing was closed. */
  withinTargetShare: number | null;
};

export type DashboardMonth = {
  /** 'YYYY-MM' in the organization's zone, and the instants it spans [from, to). */
  month: string;
  from: Date;
  to: Date;
  bySeverity: Record<Severity, MonthFigures>;
  all: MonthFigures;
};

export type Dashboard = {
  scope: DashboardScope;
  timeZone: string;
  now: Date;
  open: {
    total: number;
    bySeverity: Record<Severity, number>;
    byState: Record<OpenState, number>;
  };
  response: { breached: number; atRisk: number };
  tasks: { overdue: number; dueThisWeek: number; week: { from: Date; to: Date } };
  onTime: {
    counts: Record<PeriodStatus, number>;
    rate: number | null;
    /** Calendar days (inclusive) in the organization's zone. */
    fromDay: string;
    toDay: string;
  };
  months: DashboardMonth[];
};

type Owned = { ownerUserId: AnyPgColumn; ownerTeamId: AnyPgColumn };

function ownedBy(viewer: DashboardViewerScope, columns: Owned): SQL {
  return viewer.teamIds.length
    ? or(eq(columns.ownerUserId, viewer.userId), inArray(columns.ownerTeamId, viewer.teamIds))!
    : eq(columns.ownerUserId, viewer.userId);
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
const pad = (n: number) => String(n).padStart(2, '0');

/** The organization's day of `now`, as 'YYYY-MM-DD', `offset` days later. */
function dayIn(timeZone: string, now: Date, offset = 0): string {
  const local = new TZDate(now.getTime(), timeZone);
  const day = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + offset, timeZone);
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

function startOfDay(timeZone: string, day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/** Monday 00:00 of this week and of the next one, in the zone. */
export function weekOf(timeZone: string, now: Date): { from: Date; to: Date } {
  const local = new TZDate(now.getTime(), timeZone);
  const back = (local.getDay() + 6) % 7;
  const y = local.getFullYear();
  const m = local.getMonth();
  const d = local.getDate() - back;
  return {
    from: new Date(new TZDate(y, m, d, timeZone).getTime()),
    to: new Date(new TZDate(y, m, d + 7, timeZone).getTime()),
  };
}

/** The last `count` months, oldest first, ending with the current one, in the zone. */
export function monthsOf(
  timeZone: string,
  now: Date,
  count = MONTHS,
): { month: string; from: Date; to: Date }[] {
  const local = new TZDate(now.getTime(), timeZone);
  const out = [];
  for (let back = count - 1; back >= 0; back--) {
    const start = new TZDate(local.getFullYear(), local.getMonth() - back, 1, timeZone);
    const end = new TZDate(start.getFullYear(), start.getMonth() + 1, 1, timeZone);
    out.push({
      month: `${start.getFullYear()}-${pad(start.getMonth() + 1)}`,
      from: new Date(start.getTime()),
      to: new Date(end.getTime()),
    });
  }
  return out;
}

function figures(row: {
  closed: number;
  responded: number;
  withinTarget: number;
  respondMs: number;
  closeMs: number;
}): MonthFigures {
  return {
    closed: row.closed,
    responded: row.responded,
    withinTarget: row.withinTarget,
    meanRespondMs: row.responded ? row.respondMs / row.responded : null,
    meanCloseMs: row.closed ? row.closeMs / row.closed : null,
    withinTargetShare: row.closed ? row.withinTarget / row.closed : null,
  };
}

const EMPTY = { closed: 0, responded: 0, withinTarget: 0, respondMs: 0, closeMs: 0 };

async function openCounts(db: DbOrTx, viewer: DashboardViewerScope | undefined) {
  // Everyone: spelled as the predicate of incidents_open_state_severity_idx, which answers
  // from the index alone. My teams: the open-only owner indexes.
  const rows = await db
    .select({ state: incidents.state, severity: incidents.severity, n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(
      viewer
        ? and(sql`${incidents.state} <> 'closed'`, ownedBy(viewer, incidents))
        : sql`${incidents.state} in ('triage', 'analysis', 'remediation', 'resolved')`,
    )
    .groupBy(incidents.state, incidents.severity);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byState = Object.fromEntries(OPEN_STATES.map((s) => [s, 0])) as Record<OpenState, number>;
  let total = 0;
  for (const row of rows) {
    bySeverity[row.severity] += row.n;
    byState[row.state as OpenState] += row.n;
    total += row.n;
  }
  return { total, bySeverity, byState };
}

async function responseCounts(db: DbOrTx, viewer: DashboardViewerScope | undefined, now: Date) {
  // The list's response=breached|at-risk rules (lib/incidents/get-incidents.ts), over the
  // partial index of unanswered open incidents.
  const [row] = await db
    .select({
      breached: sql<number>`(count(*) filter (where ${incidents.responseDueAt} < ${at(now)}))::int`,
      atRisk: sql<number>`(count(*) filter (where ${incidents.responseDueAt} >= ${at(now)}
        and ${incidents.createdAt} + (${incidents.responseDueAt} - ${incidents.createdAt}) * ${AT_RISK_FRACTION}::float8 <= ${at(now)}))::int`,
    })
    .from(incidents)
    .where(
      and(
        isNull(incidents.respondedAt),
        sql`${incidents.state} <> 'closed'`,
        viewer ? ownedBy(viewer, incidents) : undefined,
      ),
    );
  return { breached: row?.breached ?? 0, atRisk: row?.atRisk ?? 0 };
}

async function taskCounts(
  db: DbOrTx,
  viewer: DashboardViewerScope | undefined,
  now: Date,
  week: { from: Date; to: Date },
) {
  const mine = viewer ? ownedBy(viewer, tasks) : undefined;
  const count = sql<number>`count(*)::int`;
  const [[overdue], [due]] = await Promise.all([
    db
      .select({ n: count })
      .from(tasks)
      .where(and(overdueCondition(now), mine)),
    db
      .select({ n: count })
      .from(tasks)
      .where(
        and(
          taskIsOpen,
          sql`${taskDueExpression} >= ${at(week.from)}`,
          sql`${taskDueExpression} < ${at(week.to)}`,
          mine,
        ),
      ),
  ]);
  return { overdue: overdue?.n ?? 0, dueThisWeek: due?.n ?? 0 };
}

async function monthSeries(
  db: DbOrTx,
  viewer: DashboardViewerScope | undefined,
  months: { month: string; from: Date; to: Date }[],
): Promise<DashboardMonth[]> {
  const m = incidentCloseMonths;
  const owners = viewer
    ? [`user:${viewer.userId}`, ...viewer.teamIds.map((id) => `team:${id}`)]
    : undefined;
  const rows = await db
    .select({
      month: sql<string>`to_char(${m.month}, 'YYYY-MM')`,
      severity: m.severity,
      closed: sql<number>`sum(${m.closed})::int`,
      responded: sql<number>`sum(${m.responded})::int`,
      withinTarget: sql<number>`sum(${m.withinTarget})::int`,
      respondMs: sql<number>`sum(${m.respondMs})::float8`,
      closeMs: sql<number>`sum(${m.closeMs})::float8`,
    })
    .from(m)
    .where(
      and(gte(m.month, `${months[0].month}-01`), owners ? inArray(m.owner, owners) : undefined),
    )
    .groupBy(m.month, m.severity);
  return months.map(({ month, from, to }) => {
    const mine = rows.filter((r) => r.month === month);
    const sum = { ...EMPTY };
    const bySeverity = Object.fromEntries(
      SEVERITIES.map((severity) => {
        const row = mine.find((r) => r.severity === severity) ?? EMPTY;
        for (const key of Object.keys(sum) as (keyof typeof EMPTY)[]) sum[key] += row[key];
        return [severity, figures(row)];
      }),
    ) as Record<Severity, MonthFigures>;
    return { month, from, to, bySeverity, all: figures(sum) };
  });
}

/** Everything the dashboard's figures show, for everyone or for the viewer and their teams. */
export async function getDashboard(
  db: DbOrTx,
  input: {
    viewer: DashboardViewerScope;
    scope: DashboardScope;
    timeZone: string | null | undefined;
    now?: Date;
  },
): Promise<Dashboard> {
  const now = input.now ?? new Date();
  const timeZone = input.timeZone && isValidTimeZone(input.timeZone) ? input.timeZone : 'UTC';
  const viewer = input.scope === 'my-teams' ? input.viewer : undefined;
  const week = weekOf(timeZone, now);
  const fromDay = dayIn(timeZone, now, -(ON_TIME_DAYS - 1));
  const toDay = dayIn(timeZone, now);
  const [open, response, taskFigures, periods, months] = await Promise.all([
    openCounts(db, viewer),
    responseCounts(db, viewer, now),
    taskCounts(db, viewer, now, week),
    countPeriods(
      db,
      {
        from: startOfDay(timeZone, fromDay),
        to: startOfDay(timeZone, dayIn(timeZone, now, 1)),
        owners: viewer ? { userId: viewer.userId, teamIds: viewer.teamIds } : undefined,
      },
      now,
    ),
    monthSeries(db, viewer, monthsOf(timeZone, now)),
  ]);
  return {
    scope: input.scope,
    timeZone,
    now,
    open,
    response,
    tasks: { ...taskFigures, week },
    onTime: { counts: periods, rate: onTimeRate(periods), fromDay, toDay },
    months,
  };
}

/** `scope` from the page's URL: everyone unless it says my-teams. */
export function parseDashboardScope(value: string | string[] | undefined): DashboardScope {
  const v = Array.isArray(value) ? value[0] : value;
  return v === 'my-teams' ? 'my-teams' : 'everyone';
}

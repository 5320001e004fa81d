import { TZDate } from '@date-fns/tz';
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  incidentNoticeClocks,
  incidentPolicies,
  incidents,
  noticeRules,
  policies,
  policyVersions,
  schedulePeriods,
  schedulePolicies,
  taskReviewEvidence,
  taskSchedules,
  tasks,
  teams,
  users,
} from '@/db/schema';
import { actorName } from '@/lib/activity/action-words';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/permissions';
import { getOrganization } from '@/lib/organization/get-organization';
import { periodKeyFor } from '@/lib/schedules/period-key';
import { periodKeyLabel } from '@/lib/schedules/period-label';
import { onTimeRate } from './on-time-rate';
import { assertComplianceFiltersExist } from './params';
import { emptyCounts, isException, ledgerStatus, pendingOccurrences } from './period-accounting';
import type {
  ComplianceOccurrence,
  ComplianceReport,
  ComplianceReportParams,
  IncidentMonth,
  NoticeRecord,
  OwnerRef,
  PolicySummary,
  ScheduleSummary,
} from './types';

// The examiner's report for a range of calendar days in the organization's zone: every
// planned occurrence of every schedule (the ledger's rows, and the periods the rule owes that
// the worker has not recorded yet), per-schedule and per-policy counts, incident statistics
// by month and the regulator notices. A handful of set queries whatever the size: nothing is
// read per occurrence, so a year of 100 weekly schedules is ten queries, not ten thousand.

/** The instant a local calendar day begins in a zone. */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** [start of `from`, start of the day after `to`) in the organization's zone. */
export function reportWindow(params: ComplianceReportParams, timeZone: string) {
  const [y, m, d] = params.to.split('-').map(Number);
  const after = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start: startOfDay(params.from, timeZone), end: startOfDay(after, timeZone) };
}

/** The schedules the filters select, as a condition on task_schedules. */
function scheduleFilter(params: ComplianceReportParams): SQL | undefined {
  const conditions: SQL[] = [];
  if (params.policyId)
    conditions.push(
      sql`exists (select 1 from ${schedulePolicies} where ${schedulePolicies.scheduleId} = ${taskSchedules.id} and ${schedulePolicies.policyId} = ${params.policyId})`,
    );
  if (params.framework)
    conditions.push(
      sql`exists (select 1 from ${schedulePolicies} join ${policies} on ${policies.id} = ${schedulePolicies.policyId} where ${schedulePolicies.scheduleId} = ${taskSchedules.id} and lower(${policies.framework}) = lower(${params.framework}))`,
    );
  if (params.tag) conditions.push(sql`${params.tag} = any(${taskSchedules.tags})`);
  if (params.group) conditions.push(eq(taskSchedules.groupName, params.group));
  return conditions.length ? and(...conditions) : undefined;
}

/** Incidents narrowed by policy and framework (incidents carry no tags or groups). */
function incidentFilter(params: ComplianceReportParams): SQL | undefined {
  const conditions: SQL[] = [];
  if (params.policyId)
    conditions.push(
      sql`exists (select 1 from ${incidentPolicies} where ${incidentPolicies.incidentId} = ${incidents.id} and ${incidentPolicies.policyId} = ${params.policyId})`,
    );
  if (params.framework)
    conditions.push(
      sql`exists (select 1 from ${incidentPolicies} join ${policies} on ${policies.id} = ${incidentPolicies.policyId} where ${incidentPolicies.incidentId} = ${incidents.id} and lower(${policies.framework}) = lower(${params.framework}))`,
    );
  return conditions.length ? and(...conditions) : undefined;
}

type OwnerIds = { ownerUserId: string | null; ownerTeamId: string | null };

async function ownerNames(db: DbOrTx, rows: OwnerIds[]) {
  const userIds = [...new Set(rows.map((r) => r.ownerUserId).filter((v): v is string => !!v))];
  const teamIds = [...new Set(rows.map((r) => r.ownerTeamId).filter((v): v is string => !!v))];
  const [userRows, teamRows] = await Promise.all([
    userIds.length
      ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))
      : [],
    teamIds.length
      ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))
      : [],
  ]);
  const userNames = new Map(userRows.map((u) => [u.id, u.name]));
  const teamNames = new Map(teamRows.map((t) => [t.id, t.name]));
  return (row: OwnerIds): OwnerRef =>
    row.ownerUserId
      ? { kind: 'user', id: row.ownerUserId, name: userNames.get(row.ownerUserId) ?? '' }
      : row.ownerTeamId
        ? { kind: 'team', id: row.ownerTeamId, name: teamNames.get(row.ownerTeamId) ?? '' }
        : null;
}

export async function getComplianceReport(
  db: DbOrTx,
  actor: Actor,
  params: ComplianceReportParams,
  now = new Date(),
): Promise<ComplianceReport> {
  assertCan(actor, 'tickets.view');
  await assertComplianceFiltersExist(db, params);
  const org = await getOrganization(db);
  const timeZone = org?.timeZone ?? 'UTC';
  const { start, end } = reportWindow(params, timeZone);
  const filter = scheduleFilter(params);

  const inRange = and(
    gte(schedulePeriods.occurrenceAt, start),
    lt(schedulePeriods.occurrenceAt, end),
    sql`${schedulePeriods.scheduleId} in (select ${taskSchedules.id} from ${taskSchedules}${filter ? sql` where ${filter}` : sql``})`,
  );
  const closedStates = sql`${tasks.state} in ('closed', 'invalid')`;

  const [scheduleRows, ledgerRows, policyRows, policyLabel, incidentStats, notices] =
    await Promise.all([
      db
        .select()
        .from(taskSchedules)
        .where(filter)
        .orderBy(asc(sql`lower(${taskSchedules.name})`), asc(taskSchedules.id)),
      db
        .select({
          scheduleId: schedulePeriods.scheduleId,
          periodKey: schedulePeriods.periodKey,
          occurrenceAt: schedulePeriods.occurrenceAt,
          outcome: schedulePeriods.outcome,
          reason: schedulePeriods.reason,
          task: {
            id: tasks.id,
            number: tasks.number,
            title: tasks.title,
            state: tasks.state,
            dueAt: tasks.dueAt,
            closedAt: tasks.closedAt,
            findings: tasks.findings,
            invalidReason: tasks.invalidReason,
            lateReason: tasks.lateReason,
            ownerUserId: tasks.ownerUserId,
            ownerTeamId: tasks.ownerTeamId,
          },
          attachmentCount: sql<number>`(select count(*) from task_attachments a where a.task_id = ${schedulePeriods.taskId})::int`,
          // The task has no "closed by" column, and updated_by moves with later edits: the
          // activity row written in the closing transaction says who.
          completedBy: sql<
            [string | null, string] | null
          >`case when ${closedStates} then (select json_build_array(l.actor_id, l.actor_label) from activity_log l
            where l.entity_type = 'task' and l.entity_id = ${schedulePeriods.taskId}::text
              and l.action in ('task.closed', 'task.invalidated')
            order by l.occurred_at desc, l.id desc limit 1) end`,
          evidence: {
            query: taskReviewEvidence.query,
            windowFrom: taskReviewEvidence.windowFrom,
            windowTo: taskReviewEvidence.windowTo,
            matchCount: taskReviewEvidence.matchCount,
            idsSha256: taskReviewEvidence.idsSha256,
            error: taskReviewEvidence.error,
          },
        })
        .from(schedulePeriods)
        .leftJoin(tasks, eq(tasks.id, schedulePeriods.taskId))
        .leftJoin(taskReviewEvidence, eq(taskReviewEvidence.taskId, schedulePeriods.taskId))
        .where(inRange),
      // Each schedule's policies at the version attached, with that version's title.
      db
        .select({
          scheduleId: schedulePolicies.scheduleId,
          policyId: schedulePolicies.policyId,
          version: schedulePolicies.policyVersion,
          framework: policies.framework,
          reference: policies.reference,
          title: sql<string>`coalesce(${policyVersions.title}, ${policies.title})`,
        })
        .from(schedulePolicies)
        .innerJoin(policies, eq(policies.id, schedulePolicies.policyId))
        .leftJoin(
          policyVersions,
          and(
            eq(policyVersions.policyId, schedulePolicies.policyId),
            eq(policyVersions.version, schedulePolicies.policyVersion),
          ),
        )
        .where(
          sql`${schedulePolicies.scheduleId} in (select ${taskSchedules.id} from ${taskSchedules}${filter ? sql` where ${filter}` : sql``})`,
        )
        .orderBy(asc(policies.framework), asc(policies.reference)),
      params.policyId
        ? db
            .select({
              framework: policies.framework,
              reference: policies.reference,
              title: policies.title,
            })
            .from(policies)
            .where(eq(policies.id, params.policyId))
            .then(([p]) => (p ? `${p.framework} ${p.reference} — ${p.title}` : null))
        : null,
      incidentMonths(db, params, timeZone, start, end, now),
      noticeRecords(db, params, start, end),
    ]);

  const owner = await ownerNames(db, [
    ...scheduleRows,
    ...ledgerRows.flatMap((r) => (r.task ? [r.task] : [])),
  ]);
  const ledgerBySchedule = new Map<string, typeof ledgerRows>();
  for (const row of ledgerRows) {
    const list = ledgerBySchedule.get(row.scheduleId) ?? [];
    list.push(row);
    ledgerBySchedule.set(row.scheduleId, list);
  }

  const occurrences: ComplianceOccurrence[] = [];
  const schedules: ScheduleSummary[] = [];
  const policiesBySchedule = new Map<string, typeof policyRows>();
  for (const p of policyRows) {
    const list = policiesBySchedule.get(p.scheduleId) ?? [];
    list.push(p);
    policiesBySchedule.set(p.scheduleId, list);
  }

  for (const schedule of scheduleRows) {
    const ledger = ledgerBySchedule.get(schedule.id) ?? [];
    const pendingAt = pendingOccurrences(schedule, ledger, { start, end, now });
    const rows: ComplianceOccurrence[] = ledger.map((row) => {
      const task = row.task;
      const status = ledgerStatus(row, now);
      const evidence = row.evidence;
      return {
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        periodKey: row.periodKey,
        periodLabel: periodKeyLabel(row.periodKey),
        occurrenceAt: row.occurrenceAt,
        status,
        lateBySeconds:
          status === 'late' && task?.closedAt && task.dueAt
            ? Math.round((task.closedAt.getTime() - task.dueAt.getTime()) / 1000)
            : null,
        reason:
          row.reason || task?.lateReason || (status === 'invalid' ? task?.invalidReason : '') || '',
        task:
          row.outcome === 'task' && task
            ? {
                id: task.id,
                number: task.number,
                title: task.title,
                dueAt: task.dueAt,
                closedAt: task.closedAt,
                completedBy: row.completedBy
                  ? { id: row.completedBy[0], name: actorName({ actorLabel: row.completedBy[1] }) }
                  : null,
                findings: task.findings,
                invalidReason: task.invalidReason,
                attachmentCount: row.attachmentCount,
              }
            : null,
        owner: task ? owner(task) : owner(schedule),
        evidence: evidence
          ? {
              query: evidence.query,
              windowStart: evidence.windowFrom,
              windowEnd: evidence.windowTo,
              matchCount: evidence.matchCount,
              sha256: evidence.idsSha256,
              error: evidence.error,
            }
          : null,
      };
    });
    for (const at of pendingAt) {
      const periodKey = periodKeyFor(at, schedule.pattern, schedule.timeZone, schedule.timeOfDay);
      rows.push({
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        periodKey,
        periodLabel: periodKeyLabel(periodKey),
        occurrenceAt: at,
        status: 'pending',
        lateBySeconds: null,
        reason: 'Its time has passed; Vigil has not recorded its task yet.',
        task: null,
        owner: owner(schedule),
        evidence: null,
      });
    }
    if (rows.length === 0) continue;
    rows.sort(
      (a, b) =>
        a.occurrenceAt.getTime() - b.occurrenceAt.getTime() ||
        a.periodKey.localeCompare(b.periodKey),
    );
    occurrences.push(...rows);
    const counts = emptyCounts();
    for (const row of rows) counts[row.status] += 1;
    schedules.push({
      scheduleId: schedule.id,
      name: schedule.name,
      groupName: schedule.groupName,
      tags: schedule.tags,
      owner: owner(schedule),
      counts,
      onTimeRate: onTimeRate(counts),
      policies: (policiesBySchedule.get(schedule.id) ?? []).map((p) => ({
        id: p.policyId,
        framework: p.framework,
        reference: p.reference,
        version: p.version,
      })),
    });
  }

  // Per policy and version: the counts of the schedules attached to it at that version.
  const countsBySchedule = new Map(schedules.map((s) => [s.scheduleId, s.counts]));
  const policySummaries = new Map<string, PolicySummary>();
  for (const p of policyRows) {
    if (params.policyId && p.policyId !== params.policyId) continue;
    if (params.framework && p.framework.toLowerCase() !== params.framework.toLowerCase()) continue;
    const counts = countsBySchedule.get(p.scheduleId);
    if (!counts) continue;
    const key = `${p.policyId}@${p.version}`;
    const summary = policySummaries.get(key) ?? {
      policyId: p.policyId,
      framework: p.framework,
      reference: p.reference,
      title: p.title,
      version: p.version,
      scheduleIds: [],
      counts: emptyCounts(),
      onTimeRate: null,
    };
    summary.scheduleIds.push(p.scheduleId);
    for (const [status, n] of Object.entries(counts))
      summary.counts[status as keyof typeof counts] += n;
    policySummaries.set(key, summary);
  }
  const policyList = [...policySummaries.values()].map((p) => ({
    ...p,
    onTimeRate: onTimeRate(p.counts),
  }));

  const exceptions = (s: { counts: ScheduleSummary['counts'] }) =>
    Object.entries(s.counts).reduce(
      (n, [status, count]) => n + (isException(status as keyof typeof s.counts) ? count : 0),
      0,
    );
  schedules.sort((a, b) => exceptions(b) - exceptions(a));
  policyList.sort((a, b) => exceptions(b) - exceptions(a));

  return {
    params,
    policyLabel,
    organization: { name: org?.name ?? 'Vigil', timeZone },
    generatedAt: now,
    occurrences,
    schedules,
    policies: policyList,
    incidents: incidentStats,
    notices,
  };
}

const SEVERITIES = ['none', 'low', 'medium', 'high'] as const;

/** Opened, closed and the response and close times by month (and severity) in the organization's zone. */
async function incidentMonths(
  db: DbOrTx,
  params: ComplianceReportParams,
  timeZone: string,
  start: Date,
  end: Date,
  now: Date,
): Promise<IncidentMonth[]> {
  const filter = incidentFilter(params);
  type Instant =
    typeof incidents.createdAt | typeof incidents.closedAt | typeof incidents.respondedAt;
  const month = (column: Instant) =>
    sql<string>`to_char(${column} at time zone ${timeZone}, 'YYYY-MM')`;
  const seconds = (from: Instant, to: Instant) => sql`extract(epoch from (${to} - ${from}))`;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [opened, closed] = await Promise.all([
    db
      .select({
        month: month(incidents.createdAt),
        severity: sql<string | null>`${incidents.severity}::text`,
        opened: sql<number>`count(*)::int`,
        respondMean: sql<
          number | null
        >`avg(${seconds(incidents.createdAt, incidents.respondedAt)})::float8`,
        respondP90: sql<
          number | null
        >`percentile_cont(0.9) within group (order by ${seconds(incidents.createdAt, incidents.respondedAt)})::float8`,
        // Decided: answered, or not answered and past its target.
        decided: sql<number>`count(*) filter (where ${incidents.respondedAt} is not null or ${incidents.responseDueAt} < ${at})::int`,
        within: sql<number>`count(*) filter (where ${incidents.respondedAt} <= ${incidents.responseDueAt})::int`,
      })
      .from(incidents)
      .where(and(gte(incidents.createdAt, start), lt(incidents.createdAt, end), filter))
      .groupBy(sql`grouping sets ((1, 2), (1))`),
    db
      .select({
        month: month(incidents.closedAt),
        severity: sql<string | null>`${incidents.severity}::text`,
        closed: sql<number>`count(*)::int`,
        closeMean: sql<
          number | null
        >`avg(${seconds(incidents.createdAt, incidents.closedAt)})::float8`,
        closeP90: sql<
          number | null
        >`percentile_cont(0.9) within group (order by ${seconds(incidents.createdAt, incidents.closedAt)})::float8`,
      })
      .from(incidents)
      .where(and(gte(incidents.closedAt, start), lt(incidents.closedAt, end), filter))
      .groupBy(sql`grouping sets ((1, 2), (1))`),
  ]);
  const rows = new Map<string, IncidentMonth>();
  const row = (m: string, severity: IncidentMonth['severity']) => {
    const key = `${m}|${severity}`;
    let found = rows.get(key);
    if (!found) {
      found = {
        month: m,
        severity,
        opened: 0,
        closed: 0,
        respondSecondsMean: null,
        respondSecondsP90: null,
        closeSecondsMean: null,
        closeSecondsP90: null,
        withinTargetShare: null,
      };
      rows.set(key, found);
    }
    return found;
  };
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  for (const r of opened) {
    const target = row(r.month, (r.severity ?? 'all') as IncidentMonth['severity']);
    target.opened = r.opened;
    target.respondSecondsMean = round(r.respondMean);
    target.respondSecondsP90 = round(r.respondP90);
    target.withinTargetShare = r.decided ? r.within / r.decided : null;
  }
  for (const r of closed) {
    const target = row(r.month, (r.severity ?? 'all') as IncidentMonth['severity']);
    target.closed = r.closed;
    target.closeSecondsMean = round(r.closeMean);
    target.closeSecondsP90 = round(r.closeP90);
  }
  const order = ['all', ...SEVERITIES.slice().reverse()];
  return [...rows.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) || order.indexOf(a.severity) - order.indexOf(b.severity),
  );
}

/** Notification records of incidents whose clock started in the range. */
async function noticeRecords(
  db: DbOrTx,
  params: ComplianceReportParams,
  start: Date,
  end: Date,
): Promise<NoticeRecord[]> {
  const rows = await db
    .select({
      incidentId: incidents.id,
      incidentNumber: incidents.number,
      incidentTitle: incidents.title,
      ruleName: noticeRules.name,
      citation: noticeRules.citation,
      basis: incidentNoticeClocks.basis,
      decidedBy: sql<string>`coalesce(${users.name}, '')`,
      decidedAt: incidentNoticeClocks.decidedAt,
      clockStartedAt: incidentNoticeClocks.clockStartedAt,
      deadlineAt: incidentNoticeClocks.deadlineAt,
      notifiedAt: incidentNoticeClocks.notifiedAt,
      notifiedTo: incidentNoticeClocks.notifiedTo,
      reference: incidentNoticeClocks.notificationReference,
    })
    .from(incidentNoticeClocks)
    .innerJoin(incidents, eq(incidents.id, incidentNoticeClocks.incidentId))
    .innerJoin(noticeRules, eq(noticeRules.id, incidentNoticeClocks.ruleId))
    .leftJoin(users, eq(users.id, incidentNoticeClocks.decidedById))
    .where(
      and(
        gte(incidentNoticeClocks.clockStartedAt, start),
        lt(incidentNoticeClocks.clockStartedAt, end),
        incidentFilter(params),
      ),
    )
    .orderBy(asc(incidentNoticeClocks.clockStartedAt), asc(incidents.number));
  return rows.map((r) => ({
    ...r,
    onTime: r.notifiedAt ? r.notifiedAt <= r.deadlineAt : null,
  }));
}

import type { PeriodStatus } from '@/lib/schedules/task-outcome';

// The compliance report's shape, shared by its page, its CSVs, its API, the evidence bundle
// and the sample. Times are Dates here; each output formats them its own way.

/** The filters, parsed (lib/reports/params.ts). Dates are calendar days in the organization's zone. */
export type ComplianceReportParams = {
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive
  policyId?: string;
  framework?: string;
  tag?: string;
  group?: string;
};

export type OwnerRef = { kind: 'user' | 'team'; id: string; name: string } | null;

export type ReviewEvidenceSummary = {
  query: string;
  windowStart: Date;
  windowEnd: Date;
  /** Null when the query could not run (error says why). */
  matchCount: number | null;
  /** SHA-256 over the matched events' ids (lib/events/evidence-hash.ts); null when it could not run. */
  sha256: string | null;
  error: string | null;
};

/** One planned occurrence of a schedule: a ledger row, or a period the rule owes that has no row yet. */
export type ComplianceOccurrence = {
  scheduleId: string;
  scheduleName: string;
  periodKey: string;
  periodLabel: string;
  occurrenceAt: Date;
  /** 'pending' only for a period whose occurrence has passed but the worker has not yet recorded. */
  status: PeriodStatus | 'pending';
  /** Closed after its due date: by how many seconds. */
  lateBySeconds: number | null;
  reason: string;
  task: {
    id: string;
    number: number;
    title: string;
    dueAt: Date | null;
    closedAt: Date | null;
    /** Who closed it or marked it invalid: the task's last task.closed / task.invalidated activity row. */
    completedBy: { id: string | null; name: string } | null;
    findings: string | null;
    invalidReason: string | null;
    attachmentCount: number;
  } | null;
  owner: OwnerRef;
  evidence: ReviewEvidenceSummary | null;
};

export type StatusCounts = Record<PeriodStatus | 'pending', number>;

export type ScheduleSummary = {
  scheduleId: string;
  name: string;
  groupName: string;
  tags: string[];
  owner: OwnerRef;
  counts: StatusCounts;
  /** on-time / (on-time + late + overdue + missed); null when none of those. */
  onTimeRate: number | null;
  policies: { id: string; framework: string; reference: string; version: number }[];
};

export type PolicySummary = {
  policyId: string;
  framework: string;
  reference: string;
  /** The title of the version attached (the one in force when it was attached). */
  title: string;
  version: number;
  scheduleIds: string[];
  counts: StatusCounts;
  onTimeRate: number | null;
};

export type IncidentMonth = {
  month: string; // YYYY-MM in the organization's zone
  severity: 'none' | 'low' | 'medium' | 'high' | 'all';
  opened: number;
  closed: number;
  respondSecondsMean: number | null;
  respondSecondsP90: number | null;
  closeSecondsMean: number | null;
  closeSecondsP90: number | null;
  /** Share of incidents opened in the month that were answered within their response target. */
  withinTargetShare: number | null;
};

export type NoticeRecord = {
  incidentId: string;
  incidentNumber: number;
  incidentTitle: string;
  ruleName: string;
  citation: string;
  basis: string;
  decidedBy: string;
  decidedAt: Date;
  clockStartedAt: Date;
  deadlineAt: Date;
  notifiedAt: Date | null;
  notifiedTo: string | null;
  reference: string | null;
  /** notifiedAt <= deadlineAt; null while not notified. */
  onTime: boolean | null;
};

export type ComplianceReport = {
  params: ComplianceReportParams;
  /** The chosen policy in words ("NIST CSF PR.AA-05 — title of its current version"), for headers. */
  policyLabel: string | null;
  organization: { name: string; timeZone: string };
  generatedAt: Date;
  occurrences: ComplianceOccurrence[];
  schedules: ScheduleSummary[];
  policies: PolicySummary[];
  incidents: IncidentMonth[];
  notices: NoticeRecord[];
};

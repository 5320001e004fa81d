import type { ComponentType } from 'react';
import AccountInvitation, {
  subject as accountInvitationSubject,
} from '@/emails/account-invitation';
import AuditAnchor, { subject as auditAnchorSubject } from '@/emails/audit-anchor';
import DailyDigest, { subject as dailyDigestSubject } from '@/emails/daily-digest';
import IncidentClosed, { subject as incidentClosedSubject } from '@/emails/incident-closed';
import IncidentOpened, { subject as incidentOpenedSubject } from '@/emails/incident-opened';
import IncidentUpdated, { subject as incidentUpdatedSubject } from '@/emails/incident-updated';
import NoticeDeadlineApproaching, {
  subject as noticeDeadlineApproachingSubject,
} from '@/emails/notice-deadline-approaching';
import NoticeDeadlineMissed, {
  subject as noticeDeadlineMissedSubject,
} from '@/emails/notice-deadline-missed';
import OwnerFallback, { subject as ownerFallbackSubject } from '@/emails/owner-fallback';
import PasswordReset, { subject as passwordResetSubject } from '@/emails/password-reset';
import PeriodsMissed, { subject as periodsMissedSubject } from '@/emails/periods-missed';
import SecondFactorReset, {
  subject as secondFactorResetSubject,
} from '@/emails/second-factor-reset';
import ResponseAtRisk, { subject as responseAtRiskSubject } from '@/emails/response-at-risk';
import ResponseBreached, { subject as responseBreachedSubject } from '@/emails/response-breached';
import TaskAssigned, { subject as taskAssignedSubject } from '@/emails/task-assigned';
import TaskClosed, { subject as taskClosedSubject } from '@/emails/task-closed';
import TaskDueTomorrow, { subject as taskDueTomorrowSubject } from '@/emails/task-due-tomorrow';
import TaskOpened, { subject as taskOpenedSubject } from '@/emails/task-opened';
import TaskOverdue, { subject as taskOverdueSubject } from '@/emails/task-overdue';
import TaskUpdated, { subject as taskUpdatedSubject } from '@/emails/task-updated';
import TriggerFailed, { subject as triggerFailedSubject } from '@/emails/trigger-failed';

// The outbox stores a template name and its props (JSON); the worker renders at send time.
// The casts live here once: props were written by the code that chose the template.
type Template = { component: ComponentType<never>; subject: (props: never) => string };

export const TEMPLATES = {
  'incident-opened': { component: IncidentOpened, subject: incidentOpenedSubject },
  'incident-updated': { component: IncidentUpdated, subject: incidentUpdatedSubject },
  'incident-closed': { component: IncidentClosed, subject: incidentClosedSubject },
  'response-at-risk': { component: ResponseAtRisk, subject: responseAtRiskSubject },
  'response-breached': { component: ResponseBreached, subject: responseBreachedSubject },
  'task-opened': { component: TaskOpened, subject: taskOpenedSubject },
  'task-updated': { component: TaskUpdated, subject: taskUpdatedSubject },
  'task-closed': { component: TaskClosed, subject: taskClosedSubject },
  'task-assigned': { component: TaskAssigned, subject: taskAssignedSubject },
  'task-due-tomorrow': { component: TaskDueTomorrow, subject: taskDueTomorrowSubject },
  'task-overdue': { component: TaskOverdue, subject: taskOverdueSubject },
  'daily-digest': { component: DailyDigest, subject: dailyDigestSubject },
  'account-invitation': { component: AccountInvitation, subject: accountInvitationSubject },
  'password-reset': { component: PasswordReset, subject: passwordResetSubject },
  'periods-missed': { component: PeriodsMissed, subject: periodsMissedSubject },
  'owner-fallback': { component: OwnerFallback, subject: ownerFallbackSubject },
  'trigger-failed': { component: TriggerFailed, subject: triggerFailedSubject },
  'audit-anchor': { component: AuditAnchor, subject: auditAnchorSubject },
  'second-factor-reset': { component: SecondFactorReset, subject: secondFactorResetSubject },
  'notice-deadline-approaching': {
    component: NoticeDeadlineApproaching,
    subject: noticeDeadlineApproachingSubject,
  },
  'notice-deadline-missed': {
    component: NoticeDeadlineMissed,
    subject: noticeDeadlineMissedSubject,
  },
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

import type { Role } from '@/db/schema';
import { ROLES } from '@/lib/auth/roles';
import { roleCan, type Permission } from '@/lib/auth/permissions';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { taskKind } from '@/lib/tasks/ticket-kind';
import type { ExportKey } from './inventory';
import type { MatrixFixtures } from './fixtures';

// The authorization matrix of the domain: every function exported from lib/ that takes an
// Actor (tests/authorization/inventory.ts finds them), with who may call it. One line per
// function. `checked(permission, args)` is called with an actor of every role:
// refused roles must get ForbiddenError and leave every table unchanged; allowed roles
// must not get ForbiddenError. `args` are the arguments after the database and actor.

export type Args = (fixtures: MatrixFixtures, role: Role) => unknown[];

export type DomainCase = {
  label: string;
  allowed: readonly Role[];
  args: Args;
  /** How a refused role is answered: ForbiddenError, or a NotFoundError where saying "forbidden" would confirm the item exists. */
  refusal?: 'forbidden' | 'not-found';
};

export type DomainRule =
  /** Called with every role, once per case. */
  | { kind: 'called'; cases: DomainCase[] }
  /** Not a way in: a helper that runs inside the named entries' transactions, or the check itself. */
  | { kind: 'helper'; why: string };

const rolesWith = (permission: Permission) => ROLES.filter((role) => roleCan(role, permission));

/** Refused to the roles without `permission`, allowed to the rest. */
function checked(permission: Permission, args: Args = () => []): DomainRule {
  return { kind: 'called', cases: [{ label: permission, allowed: rolesWith(permission), args }] };
}

/** Each role on its own item (allowed to `ownAllowed`) and on another user's (allowed to `otherAllowed`). */
function ownItem(
  ownAllowed: Permission,
  otherAllowed: Permission | null,
  args: Args,
  theirs: Args,
  refusal: DomainCase['refusal'] = 'forbidden',
): DomainRule {
  return {
    kind: 'called',
    cases: [
      { label: 'own item', allowed: rolesWith(ownAllowed), args },
      {
        label: "another user's item",
        allowed: otherAllowed ? rolesWith(otherAllowed) : [],
        args: theirs,
        refusal,
      },
    ],
  };
}

const helper = (why: string): DomainRule => ({ kind: 'helper', why });

/** Refused to every role: only the system (a job) calls it. */
function systemOnly(args: Args): DomainRule {
  return { kind: 'called', cases: [{ label: 'system only', allowed: [], args }] };
}

const file = { fileName: 'matrix.txt', data: Buffer.from('matrix evidence\n') };
const version = { version: 1 };

export const DOMAIN_MATRIX: Record<ExportKey, DomainRule> = {
  // Checks, and helpers that write only inside a checked entry's transaction.
  'lib/auth/permissions.ts#can': helper('the check itself (tests/unit/permissions.test.ts)'),
  'lib/auth/permissions.ts#assertCan': helper('the check itself (tests/unit/permissions.test.ts)'),
  'lib/auth/actor.ts#actorLabel': helper('formats an actor for the log'),
  'lib/calendar/manage-feeds.ts#mayManageScheduleFeed': helper(
    'the check of the schedule feed entries below',
  ),
  'lib/activity/record-activity.ts#recordActivity': helper('inside every entry’s transaction'),
  'lib/activity/record-activity.ts#recordActivities': helper('inside every entry’s transaction'),
  'lib/notifications/queue-notification.ts#queueNotification': helper(
    'inside ticket entries’ transactions',
  ),
  'lib/notifications/queue-notification.ts#queueNotifications': helper(
    'inside ticket entries’ transactions',
  ),
  'lib/auth/api-tokens.ts#revokeApiTokensOfUser': helper(
    'inside resetPassword / setUserActive / changeOwnPassword (takes a Tx)',
  ),
  'lib/users/password-links.ts#queuePasswordLink': helper(
    'inside createUser / resetPassword (takes a Tx)',
  ),
  'lib/policies/review-schedule.ts#syncReviewSchedule': helper(
    'inside create/updateCustomPolicy (takes a Tx)',
  ),
  'lib/policies/load-policy.ts#loadCustomPolicyForUpdate': helper(
    'inside update/retire/reactivatePolicy (takes a Tx)',
  ),
  'lib/schedules/period-change.ts#generateCurrentPeriod': helper(
    'inside updateSchedule (takes a Tx)',
  ),
  'lib/tickets/edit-ticket.ts#loadForEdit': helper(
    'inside updateIncident / updateTask (takes a Tx)',
  ),
  'lib/tickets/edit-ticket.ts#writeEdit': helper('inside updateIncident / updateTask (takes a Tx)'),
  'lib/tickets/edit-ticket.ts#newVersionStamp': helper('builds the version columns of an edit'),
  'lib/tickets/load-for-update.ts#loadTicketForUpdate': helper(
    'inside ticket entries (takes a Tx)',
  ),
  'lib/tickets/record-opened.ts#recordTicketOpened': helper(
    'inside createIncident / createTask (takes a Tx)',
  ),
  'lib/notes/assert-note-version.ts#assertNoteVersion': helper('inside editNote'),
  'lib/versioning/changed-by-conflict.ts#changedByConflict': helper(
    'builds a conflict message inside an update (takes a Tx)',
  ),
  'lib/webhooks/endpoint-activity.ts#recordEndpointActivity': helper(
    'inside the webhook entries (takes a Tx)',
  ),
  // Request plumbing: reached only through the routes and actions of the route matrix.
  'lib/attachments/upload-route.ts#handleAttachmentUpload': helper(
    'the attachment upload routes; writes through addAttachment',
  ),
  'lib/events/elastic/router.ts#handleElasticRequest': helper(
    'the /api/ingest/es route; writes through ingestEvents',
  ),
  'lib/events/elastic/bulk.ts#runBulk': helper(
    'the /api/ingest/es route; writes through ingestEvents',
  ),
  'lib/events/elastic/documents.ts#indexDocument': helper(
    'the /api/ingest/es route; writes through ingestEvents',
  ),
  'lib/events/api/search-route.ts#eventSearchRoute': helper(
    'builds the /api/v1/events read routes',
  ),
  'lib/incidents/bulk-close-request.ts#bulkCloseStream': helper(
    'the bulk-close route; writes through closeIncidents',
  ),
  'lib/tickets/ticket-action.ts#saveTicketForm': helper(
    'server-action plumbing around createX / updateX',
  ),
  'lib/api/bulk-close-targets.ts#resolveBulkCloseTargets': helper(
    'reads the ids a bulk close will pass to closeIncidents',
  ),
  'lib/api/task-bulk-close-targets.ts#resolveTaskBulkCloseTargets': helper(
    'reads the ids a bulk close will pass to closeTasks',
  ),
  'lib/api/list-query.ts#listViewerOf': helper('a read: whose "mine" a list means'),
  'lib/api/task-requests.ts#taskListViewerOf': helper('a read: whose "mine" a list means'),
  'lib/api/me-json.ts#toMeJson': helper('a read: the actor’s own profile'),

  // Tickets.
  'lib/incidents/create-incident.ts#createIncident': checked('tickets.work', () => [
    { title: 'Made by the matrix' },
  ]),
  'lib/incidents/update-incident.ts#updateIncident': checked('tickets.work', (f) => [
    f.incident.id,
    { version: f.incident.version, title: 'Renamed' },
  ]),
  'lib/incidents/change-state.ts#changeIncidentState': checked('tickets.work', (f) => [
    f.incident.id,
    { version: f.incident.version, from: 'open', to: 'investigating' },
  ]),
  'lib/incidents/links.ts#linkIncidents': checked('tickets.work', (f) => [
    f.incident.id,
    { targetNumber: String(f.secondIncident.number), kind: 'related' },
  ]),
  'lib/incidents/links.ts#unlinkIncidents': checked('tickets.work', (f) => [
    f.incident.id,
    f.missingId,
  ]),
  'lib/incidents/close-incidents.ts#closeIncidents': checked('incidents.bulk-close', (f) => [
    { incidentIds: [f.secondIncident.id], closingNote: 'Matrix' },
    () => {},
  ]),
  'lib/incidents/event-evidence.ts#addEventsToIncident': checked('tickets.work', (f) => [
    f.incident.number,
    { eventIds: [f.missingId], search: { query: '', from: null, to: null } },
  ]),
  'lib/incidents/event-evidence.ts#createIncidentFromEvents': checked('tickets.work', (f) => [
    { title: 'From events', eventIds: [f.missingId], search: { query: '', from: null, to: null } },
  ]),
  'lib/notice-clocks/incident-clocks.ts#markIncidentNotifiable': checked('tickets.work', (f) => [
    f.incident.id,
    { ruleId: f.missingId, ruleVersion: 1, basis: 'Exposed.' },
  ]),
  'lib/notice-clocks/incident-clocks.ts#recordNoticeNotification': checked('tickets.work', (f) => [
    f.missingId,
    { notifiedTo: 'Regulator' },
  ]),
  'lib/tasks/create-task.ts#createTask': checked('tickets.work', () => [
    { title: 'Made by the matrix' },
  ]),
  'lib/tasks/update-task.ts#updateTask': checked('tickets.work', (f) => [
    f.task.id,
    { version: f.task.version, title: 'Renamed' },
  ]),
  'lib/tasks/change-state.ts#changeTaskState': checked('tickets.work', (f) => [
    f.task.id,
    { version: f.task.version, from: 'open', to: 'in_progress' },
  ]),
  'lib/tasks/change-state.ts#closeTask': checked('tickets.work', (f) => [
    f.task.id,
    { version: f.task.version, from: 'open', findings: 'Done.' },
  ]),
  'lib/tasks/close-tasks.ts#closeTasks': checked('tasks.bulk-close', (f) => [
    { taskIds: [f.task.id], findings: 'Matrix' },
  ]),
  'lib/tickets/attachments.ts#addAttachment': checked('tickets.work', (f) => [
    incidentKind,
    f.incident.id,
    file,
  ]),
  'lib/tickets/notes.ts#addNote': checked('tickets.work', (f) => [
    taskKind,
    f.task.id,
    { body: 'A note' },
  ]),
  'lib/tickets/notes.ts#editNote': checked('tickets.work', (f) => [
    incidentKind,
    f.incident.id,
    f.missingId,
    { body: 'Edited', version: 1 },
  ]),

  // Schedules, library, policies, triggers.
  'lib/schedules/create-schedule.ts#createSchedule': checked('schedules.manage', () => [
    {
      name: 'Matrix',
      pattern: { kind: 'monthly-day', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
      dueInDays: 4,
    },
    'user',
  ]),
  'lib/schedules/update-schedule.ts#updateSchedule': checked('schedules.manage', (f) => [
    f.scheduleId,
    { ...version, name: 'Renamed' },
    {},
  ]),
  'lib/schedules/update-schedule.ts#setScheduleActive': checked('schedules.manage', (f) => [
    f.scheduleId,
    { ...version, active: false },
    {},
  ]),
  'lib/schedules/generate.ts#generateNow': checked('schedules.manage', (f) => [f.scheduleId]),
  'lib/library/copy-templates.ts#copyTemplates': checked('library.manage', () => [
    { keys: ['user-accounts-created'] },
  ]),
  'lib/policies/create-policy.ts#createCustomPolicy': checked('policies.manage', () => [
    { reference: 'MX-NEW', title: 'New' },
  ]),
  'lib/policies/update-policy.ts#updateCustomPolicy': checked('policies.manage', (f) => [
    f.policyId,
    { ...version, title: 'Renamed' },
  ]),
  'lib/policies/retire-policy.ts#retirePolicy': checked('policies.manage', (f) => [
    f.policyId,
    { ...version, reason: 'Replaced.' },
  ]),
  'lib/policies/retire-policy.ts#reactivatePolicy': checked('policies.manage', (f) => [
    f.policyId,
    version,
  ]),
  'lib/triggers/create-trigger.ts#createTrigger': checked('triggers.manage', () => [
    { name: 'Matrix' },
  ]),
  'lib/triggers/update-trigger.ts#updateTrigger': checked('triggers.manage', (f) => [
    f.missingId,
    { ...version, name: 'Renamed' },
  ]),
  'lib/triggers/update-trigger.ts#setTriggerActive': checked('triggers.manage', (f) => [
    f.missingId,
    { ...version, active: false },
  ]),

  // Events, reports, retention.
  'lib/events/ingest.ts#ingestEvents': checked('events.ingest', () => [
    [{ message: 'matrix' }],
    'api',
  ]),
  'lib/events/prune-event-partitions.ts#pruneEventPartitions': checked(
    'organization.manage',
    () => [{}],
  ),
  'lib/retention/prune-retained-records.ts#pruneRetainedRecords': checked(
    'organization.manage',
    () => [{}],
  ),
  'lib/reports/get-compliance-report.ts#getComplianceReport': checked('tickets.view', () => [{}]),
  'lib/reports/record-report-run.ts#recordReportRun': checked('tickets.view', () => [{}]),
  'lib/reports/generate-report.ts#generateComplianceReport': checked('tickets.export', () => [
    new URLSearchParams(),
    { channel: 'web' },
  ]),
  'lib/reports/generate-report.ts#generateComplianceSample': checked('tickets.export', () => [
    new URLSearchParams(),
    { channel: 'web' },
  ]),
  'lib/reports/generate-report.ts#generateComplianceCsv': checked('tickets.export', () => [
    new URLSearchParams(),
    { table: 'policies', timeZone: 'UTC' },
  ]),
  'lib/reports/bundle/generate-evidence-bundle.ts#generateEvidenceBundle': checked(
    'tickets.export',
    () => [new URLSearchParams(), { timeZone: 'UTC' }],
  ),
  'lib/reports/bundle/create-evidence-bundle.ts#createEvidenceBundle': checked(
    'tickets.export',
    () => [{}],
  ),
  'lib/reports/bundle/record-bundle-outcome.ts#recordBundleOutcome': checked('tickets.view', () => [
    {},
    { ok: true },
  ]),

  // Administration.
  'lib/users/create-user.ts#createUser': checked('users.manage', () => [
    { name: 'New person', email: 'new-matrix@example.com', role: 'user' },
  ]),
  'lib/users/update-user.ts#updateUser': checked('users.manage', (f) => [
    f.other.id,
    { name: 'Renamed' },
  ]),
  'lib/users/reset-password.ts#resetPassword': checked('users.manage', (f) => [
    f.other.id,
    'a-long-enough-password-1',
    {},
  ]),
  'lib/users/set-user-active.ts#setUserActive': checked('users.manage', (f) => [f.other.id, false]),
  'lib/users/unlock-sign-in.ts#unlockSignIn': checked('users.manage', (f) => [f.other.id]),
  'lib/teams/teams.ts#createTeam': checked('users.manage', () => [{ name: 'Matrix team' }]),
  'lib/organization/update-organization.ts#updateOrganization': checked(
    'organization.manage',
    () => [{ name: 'Matrix Bank' }],
  ),
  'lib/organization/update-organization.ts#addHoliday': checked('organization.manage', () => [
    { day: '2026-12-25', name: 'Christmas' },
  ]),
  'lib/organization/update-organization.ts#removeHoliday': checked('organization.manage', () => [
    '2026-12-25',
  ]),
  'lib/notice-clocks/rules.ts#createNoticeRule': checked('organization.manage', () => [{}]),
  'lib/notice-clocks/rules.ts#updateNoticeRule': checked('organization.manage', (f) => [
    { ruleId: f.missingId, version: 1 },
  ]),
  'lib/notice-clocks/rules.ts#setNoticeRuleEnabled': checked('organization.manage', (f) => [
    { ruleId: f.missingId, enabled: false },
  ]),
  'lib/organization/update-mfa-requirement.ts#updateMfaRequirement': checked(
    'organization.manage',
    () => [{ mfaRequiredFor: 'nobody' }],
  ),
  // The daily anchor is the worker's: no person may write it.
  'lib/audit/anchor-chain.ts#anchorActivityChain': systemOnly(() => [new Date()]),
  'lib/outbox/retry-outbox-message.ts#retryOutboxMessage': checked('outbox.retry', () => [1]),
  'lib/webhooks/create-webhook-endpoint.ts#createWebhookEndpoint': checked(
    'organization.manage',
    () => [{ url: 'https://hooks.example.com/x', eventTypes: ['incident.opened'] }],
  ),
  'lib/webhooks/update-webhook-endpoint.ts#updateWebhookEndpoint': checked(
    'organization.manage',
    (f) => [f.missingId, { ...version }],
  ),
  'lib/webhooks/set-webhook-endpoint-state.ts#setWebhookEndpointState': checked(
    'organization.manage',
    (f) => [f.missingId, { change: 'pause' }],
  ),
  'lib/webhooks/send-test-webhook.ts#sendTestWebhook': checked('organization.manage', (f) => [
    f.missingId,
  ]),

  // One's own things: anyone signed in on their own, nobody (or an administrator) on someone else's.
  'lib/users/update-profile.ts#updateProfile': checked('tickets.view', () => [
    { name: 'My new name', timeZone: 'UTC' },
  ]),
  'lib/users/update-profile.ts#changeOwnPassword': checked('tickets.view', () => [
    { currentPassword: 'wrong', newPassword: 'a-long-enough-password-1' },
  ]),
  'lib/notifications/preferences.ts#updateNotificationPreferences': checked('tickets.view', () => [
    {},
  ]),
  'lib/auth/api-tokens.ts#createApiToken': ownItem(
    'tickets.view',
    'users.manage',
    (f, role) => [{ userId: f.people[role].id, name: 'mine' }],
    (f) => [{ userId: f.other.id, name: 'theirs' }],
  ),
  'lib/auth/api-tokens.ts#revokeApiToken': ownItem(
    'tickets.view',
    'users.manage',
    (f, role) => [f.tokens[role].id],
    (f) => [f.otherTokenId],
    'not-found',
  ),
  // Two-step sign-in: one's own factor only; an administrator may reset anyone's.
  'lib/users/mfa-enrolment.ts#confirmTotpEnrolment': ownItem(
    'tickets.view',
    null,
    (f, role) => [f.people[role].id, '000000'],
    (f) => [f.other.id, '000000'],
  ),
  'lib/users/mfa-enrolment.ts#regenerateRecoveryCodes': ownItem(
    'tickets.view',
    null,
    (f, role) => [f.people[role].id, '000000'],
    (f) => [f.other.id, '000000'],
  ),
  'lib/users/mfa-removal.ts#disableSecondFactor': ownItem(
    'tickets.view',
    null,
    (f, role) => [f.people[role].id, '000000'],
    (f) => [f.other.id, '000000'],
  ),
  'lib/users/mfa-removal.ts#resetSecondFactor': checked('users.manage', (f) => [f.other.id]),
  'lib/calendar/manage-feeds.ts#createPersonCalendarFeed': ownItem(
    'tickets.view',
    null,
    (f, role) => [{ userId: f.people[role].id }],
    (f) => [{ userId: f.other.id }],
  ),
  'lib/calendar/manage-feeds.ts#revokePersonCalendarFeed': ownItem(
    'tickets.view',
    'users.manage',
    (f, role) => [{ userId: f.people[role].id }],
    (f) => [{ userId: f.other.id }],
  ),
  'lib/calendar/manage-feeds.ts#createScheduleCalendarFeed': checked('schedules.manage', (f) => [
    { scheduleId: f.scheduleId },
  ]),
  'lib/calendar/manage-feeds.ts#revokeScheduleCalendarFeed': checked('schedules.manage', (f) => [
    { scheduleId: f.scheduleId },
  ]),
};

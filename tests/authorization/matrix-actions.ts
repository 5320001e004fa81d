import type { Role } from '@/db/schema';
import { roleCan, type Permission } from '@/lib/auth/permissions';
import { ROLES } from '@/lib/auth/roles';
import type { MatrixFixtures } from './fixtures';
import type { ExportKey } from './inventory';
import { DOMAIN_MATRIX } from './matrix-domain';

// The authorization matrix of the server actions: every export of every 'use server' file
// (tests/authorization/inventory.ts finds them), one line each. A `via` action is a thin
// shell over the one domain function it names: it must call that function (checked from
// its source) and, called with a session of every role, be refused exactly where the
// domain function is (same roles, every table unchanged). `read` actions write nothing;
// `open` ones run before anyone is signed in.

type Args = (fixtures: MatrixFixtures, role: Role) => unknown[];

export type ActionRule =
  | {
      kind: 'via';
      domain: ExportKey;
      allowed: readonly Role[];
      args: Args;
      refusal: 'forbidden' | 'not-found';
    }
  | { kind: 'read'; allowed: readonly Role[]; args: Args }
  | { kind: 'open'; why: string };

/** Refused to whom the domain function's case `label` (its first by default) refuses. */
function via(domain: ExportKey, args: Args = () => [], label?: string): ActionRule {
  const rule = DOMAIN_MATRIX[domain];
  if (rule?.kind !== 'called') throw new Error(`${domain} is not a called entry of DOMAIN_MATRIX`);
  const kase = rule.cases.find((c) => label === undefined || c.label === label);
  if (!kase) throw new Error(`${domain} has no case "${label}"`);
  return { kind: 'via', domain, allowed: kase.allowed, args, refusal: kase.refusal ?? 'forbidden' };
}

const read = (permission: Permission, args: Args = () => []): ActionRule => ({
  kind: 'read',
  allowed: ROLES.filter((role) => roleCan(role, permission)),
  args,
});
const open = (why: string): ActionRule => ({ kind: 'open', why });

/** A form as the browser posts it. */
function form(fields: Record<string, string | number> = {}): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
  return data;
}

// A valid selection: the event actions read it before the domain function checks who asks.
const SEARCH = { query: '', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };
const selection = () => ({ eventIds: ['1'], search: SEARCH });

export const ACTION_MATRIX: Record<ExportKey, ActionRule> = {
  'app/(auth)/sign-in/actions.ts#signInAction': open('signing in: the lockout guards it'),
  'app/(auth)/sign-in/sso-actions.ts#signInWithSsoAction': open(
    'starts single sign-on: the identity provider and lib/auth/oidc-sign-in.ts decide',
  ),
  'app/(auth)/set-password/actions.ts#setPasswordAction': open(
    'a signed single-use link is the credential',
  ),
  'app/(app)/events/actions.ts#incidentChoicesAction': read('tickets.work'),
  'app/(app)/schedules/actions.ts#previewRecurrenceAction': read('tickets.view', () => [
    {
      pattern: { kind: 'monthly-day', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
    },
  ]),

  'app/(app)/events/actions.ts#createIncidentFromEventsAction': via(
    'lib/incidents/event-evidence.ts#createIncidentFromEvents',
    () => [selection(), null, form({ title: 'From events' })],
  ),
  'app/(app)/events/actions.ts#addEventsToIncidentAction': via(
    'lib/incidents/event-evidence.ts#addEventsToIncident',
    (f) => [
      null,
      form({ incident: f.incident.id, eventIds: '1', q: '', from: SEARCH.from, to: SEARCH.to }),
    ],
  ),
  'app/(app)/incidents/[number]/notice-clock-actions.ts#markNotifiableAction': via(
    'lib/notice-clocks/incident-clocks.ts#markIncidentNotifiable',
    (f) => [f.incident.id, null, form({ ruleId: f.missingId, ruleVersion: 1, basis: 'Exposed.' })],
  ),
  'app/(app)/incidents/[number]/notice-clock-actions.ts#recordNotificationAction': via(
    'lib/notice-clocks/incident-clocks.ts#recordNoticeNotification',
    (f) => [f.missingId, null, form({ notifiedTo: 'Regulator' })],
  ),
  'app/(app)/incidents/actions.ts#createIncidentAction': via(
    'lib/incidents/create-incident.ts#createIncident',
    () => [null, form({ title: 'From a form' })],
  ),
  'app/(app)/incidents/actions.ts#updateIncidentAction': via(
    'lib/incidents/update-incident.ts#updateIncident',
    (f) => [f.incident.id, null, form({ version: f.incident.version, title: 'Renamed' })],
  ),
  'app/(app)/incidents/actions.ts#changeStateAction': via(
    'lib/incidents/change-state.ts#changeIncidentState',
    (f) => [
      f.incident.id,
      null,
      form({ version: f.incident.version, from: 'open', to: 'investigating' }),
    ],
  ),
  'app/(app)/incidents/actions.ts#addNoteAction': via('lib/tickets/notes.ts#addNote', (f) => [
    f.incident.id,
    null,
    form({ body: 'A note' }),
  ]),
  'app/(app)/incidents/actions.ts#editNoteAction': via('lib/tickets/notes.ts#editNote', (f) => [
    f.incident.id,
    f.missingId,
    null,
    form({ body: 'Edited', version: 1 }),
  ]),
  'app/(app)/incidents/actions.ts#linkAction': via('lib/incidents/links.ts#linkIncidents', (f) => [
    f.incident.id,
    null,
    form({ targetNumber: f.secondIncident.number, kind: 'related' }),
  ]),
  'app/(app)/incidents/actions.ts#unlinkAction': via(
    'lib/incidents/links.ts#unlinkIncidents',
    (f) => [f.incident.id, f.missingId],
  ),
  'app/(app)/tasks/actions.ts#createTaskAction': via('lib/tasks/create-task.ts#createTask', () => [
    null,
    form({ title: 'From a form' }),
  ]),
  'app/(app)/tasks/actions.ts#updateTaskAction': via('lib/tasks/update-task.ts#updateTask', (f) => [
    f.task.id,
    null,
    form({ version: f.task.version, title: 'Renamed' }),
  ]),
  'app/(app)/tasks/actions.ts#changeTaskStateAction': via(
    'lib/tasks/change-state.ts#changeTaskState',
    (f) => [f.task.id, null, form({ version: f.task.version, from: 'open', to: 'in_progress' })],
  ),
  'app/(app)/tasks/actions.ts#addTaskNoteAction': via('lib/tickets/notes.ts#addNote', (f) => [
    f.task.id,
    null,
    form({ body: 'A note' }),
  ]),

  'app/(app)/library/actions.ts#copyTemplatesAction': via(
    'lib/library/copy-templates.ts#copyTemplates',
    () => [null, form({ keys: 'user-accounts-created' })],
  ),
  'app/(app)/policies/actions.ts#createPolicyAction': via(
    'lib/policies/create-policy.ts#createCustomPolicy',
    () => [null, form({ reference: 'MX-FORM', title: 'From a form' })],
  ),
  'app/(app)/policies/actions.ts#updatePolicyAction': via(
    'lib/policies/update-policy.ts#updateCustomPolicy',
    (f) => [f.policyId, null, form({ version: 1, title: 'Renamed' })],
  ),
  'app/(app)/policies/actions.ts#retirePolicyAction': via(
    'lib/policies/retire-policy.ts#retirePolicy',
    (f) => [f.policyId, 1, 'Replaced.'],
  ),
  'app/(app)/policies/actions.ts#reactivatePolicyAction': via(
    'lib/policies/retire-policy.ts#reactivatePolicy',
    (f) => [f.policyId, 1],
  ),
  'app/(app)/schedules/[id]/calendar-feed-actions.ts#createScheduleFeedAction': via(
    'lib/calendar/manage-feeds.ts#createScheduleCalendarFeed',
    (f) => [f.scheduleId],
  ),
  'app/(app)/schedules/[id]/calendar-feed-actions.ts#revokeScheduleFeedAction': via(
    'lib/calendar/manage-feeds.ts#revokeScheduleCalendarFeed',
    (f) => [f.scheduleId],
  ),
  'app/(app)/schedules/actions.ts#createScheduleAction': via(
    'lib/schedules/create-schedule.ts#createSchedule',
    () => [null, form({ name: 'From a form' })],
  ),
  'app/(app)/schedules/actions.ts#updateScheduleAction': via(
    'lib/schedules/update-schedule.ts#updateSchedule',
    (f) => [f.scheduleId, null, form({ version: 1, name: 'Renamed' })],
  ),
  'app/(app)/schedules/actions.ts#setActiveAction': via(
    'lib/schedules/update-schedule.ts#setScheduleActive',
    (f) => [f.scheduleId, 1, false],
  ),
  'app/(app)/schedules/actions.ts#generateNowAction': via(
    'lib/schedules/generate.ts#generateNow',
    (f) => [f.scheduleId],
  ),
  'app/(app)/triggers/actions.ts#createTriggerAction': via(
    'lib/triggers/create-trigger.ts#createTrigger',
    () => [null, form({ name: 'From a form' })],
  ),
  'app/(app)/triggers/actions.ts#updateTriggerAction': via(
    'lib/triggers/update-trigger.ts#updateTrigger',
    (f) => [f.missingId, null, form({ version: 1, name: 'Renamed' })],
  ),
  'app/(app)/triggers/actions.ts#setTriggerActiveAction': via(
    'lib/triggers/update-trigger.ts#setTriggerActive',
    (f) => [f.missingId, 1, false],
  ),

  'app/(app)/settings/integrations/actions.ts#createWebhookEndpointAction': via(
    'lib/webhooks/create-webhook-endpoint.ts#createWebhookEndpoint',
    () => [null, form({ url: 'https://hooks.example.com/x', eventTypes: 'incident.opened' })],
  ),
  'app/(app)/settings/integrations/actions.ts#updateWebhookEndpointAction': via(
    'lib/webhooks/update-webhook-endpoint.ts#updateWebhookEndpoint',
    (f) => [f.missingId, null, form({ version: 1 })],
  ),
  'app/(app)/settings/integrations/actions.ts#setWebhookEndpointStateAction': via(
    'lib/webhooks/set-webhook-endpoint-state.ts#setWebhookEndpointState',
    (f) => [f.missingId, 'pause', 1],
  ),
  'app/(app)/settings/integrations/actions.ts#sendTestWebhookAction': via(
    'lib/webhooks/send-test-webhook.ts#sendTestWebhook',
    (f) => [f.missingId],
  ),
  'app/(app)/settings/organization/actions.ts#updateOrganizationAction': via(
    'lib/organization/update-organization.ts#updateOrganization',
    () => [null, form({ name: 'Matrix Bank' })],
  ),
  'app/(app)/settings/organization/actions.ts#addHolidayAction': via(
    'lib/organization/update-organization.ts#addHoliday',
    () => [null, form({ day: '2026-12-25', name: 'Christmas' })],
  ),
  'app/(app)/settings/organization/actions.ts#removeHolidayAction': via(
    'lib/organization/update-organization.ts#removeHoliday',
    () => ['2026-12-25'],
  ),
  'app/(app)/settings/organization/notice-rule-actions.ts#setNoticeRuleEnabledAction': via(
    'lib/notice-clocks/rules.ts#setNoticeRuleEnabled',
    (f) => [null, form({ ruleId: f.missingId, enabled: 'false', version: 1 })],
  ),
  'app/(app)/settings/organization/notice-rule-actions.ts#createNoticeRuleAction': via(
    'lib/notice-clocks/rules.ts#createNoticeRule',
    () => [null, form({ name: 'Rule' })],
  ),
  'app/(app)/settings/organization/notice-rule-actions.ts#updateNoticeRuleAction': via(
    'lib/notice-clocks/rules.ts#updateNoticeRule',
    (f) => [null, form({ ruleId: f.missingId, version: 1 })],
  ),
  'app/(app)/settings/outbox/actions.ts#retryOutboxAction': via(
    'lib/outbox/retry-outbox-message.ts#retryOutboxMessage',
    () => [null, form({ id: 1 })],
  ),
  'app/(app)/settings/teams/actions.ts#createTeamAction': via(
    'lib/teams/teams.ts#createTeam',
    () => [null, form({ name: 'Matrix team' })],
  ),
  'app/(app)/settings/users/actions.ts#createUserAction': via(
    'lib/users/create-user.ts#createUser',
    () => [null, form({ name: 'New person', email: 'form-matrix@example.com', role: 'user' })],
  ),
  'app/(app)/settings/users/actions.ts#updateUserAction': via(
    'lib/users/update-user.ts#updateUser',
    (f) => [f.other.id, null, form({ name: 'Renamed' })],
  ),
  'app/(app)/settings/users/actions.ts#resetPasswordAction': via(
    'lib/users/reset-password.ts#resetPassword',
    (f) => [f.other.id],
  ),
  'app/(app)/settings/users/actions.ts#setUserActiveAction': via(
    'lib/users/set-user-active.ts#setUserActive',
    (f) => [f.other.id, false],
  ),
  'app/(app)/settings/users/actions.ts#unlockSignInAction': via(
    'lib/users/unlock-sign-in.ts#unlockSignIn',
    (f) => [f.other.id],
  ),

  'app/(app)/settings/profile/actions.ts#updateProfileAction': via(
    'lib/users/update-profile.ts#updateProfile',
    () => [null, form({ name: 'My new name', timeZone: 'UTC' })],
  ),
  'app/(app)/settings/profile/actions.ts#changePasswordAction': via(
    'lib/users/update-profile.ts#changeOwnPassword',
    () => [null, form({ currentPassword: 'wrong', newPassword: 'a-long-enough-password-1' })],
  ),
  'app/(app)/settings/profile/actions.ts#updateNotificationPreferencesAction': via(
    'lib/notifications/preferences.ts#updateNotificationPreferences',
    () => [null, form({})],
  ),
  'app/(app)/settings/profile/calendar-feed-actions.ts#createPersonFeedAction': via(
    'lib/calendar/manage-feeds.ts#createPersonCalendarFeed',
    () => [],
    'own item',
  ),
  'app/(app)/settings/profile/calendar-feed-actions.ts#revokePersonFeedAction': via(
    'lib/calendar/manage-feeds.ts#revokePersonCalendarFeed',
    () => [],
    'own item',
  ),
  'app/(app)/settings/organization/mfa-actions.ts#updateMfaRequirementAction': via(
    'lib/organization/update-mfa-requirement.ts#updateMfaRequirement',
    () => [null, form({ mfaRequiredFor: 'nobody' })],
  ),
  'app/(app)/settings/users/mfa-actions.ts#resetSecondFactorAction': via(
    'lib/users/mfa-removal.ts#resetSecondFactor',
    (f) => [f.other.id],
  ),
  'app/(app)/settings/profile/mfa-actions.ts#disableSecondFactorAction': via(
    'lib/users/mfa-removal.ts#disableSecondFactor',
    () => [null, form({ code: '000000' })],
    'own item',
  ),
  'app/(app)/settings/profile/mfa-actions.ts#regenerateRecoveryCodesAction': via(
    'lib/users/mfa-enrolment.ts#regenerateRecoveryCodes',
    () => [null, form({ code: '000000' })],
    'own item',
  ),
  'app/(auth)/two-factor/actions.ts#confirmEnrolmentAction': via(
    'lib/users/mfa-enrolment.ts#confirmTotpEnrolment',
    () => [null, form({ code: '000000' })],
    'own item',
  ),
  'app/(app)/settings/tokens/actions.ts#createTokenAction': via(
    'lib/auth/api-tokens.ts#createApiToken',
    () => [null, form({ name: 'mine' })],
    'own item',
  ),
  'app/(app)/settings/tokens/actions.ts#revokeTokenAction': via(
    'lib/auth/api-tokens.ts#revokeApiToken',
    (f) => [f.otherTokenId],
    "another user's item",
  ),
};

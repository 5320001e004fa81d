import type { ExportKey } from './inventory';

// Functions of lib/ that write through a database handle yet take no Actor
// (tests/authorization/inventory.ts finds them): nobody's permission is checked, so each
// line says what guards it instead. A new one fails tests/unit/authorization-matrix.test.ts
// until it is given an Actor and a check, or a line here.

const inside = (entries: string) => `runs inside ${entries}, after its permission check`;
const worker = (job: string) =>
  `the worker's ${job}: no person acts, nothing reaches it from a request`;

export const ACTORLESS_WRITES: Record<ExportKey, string> = {
  'lib/auth/sign-in.ts#signInWithPassword':
    'signing in: the password and the lockout are the check',
  'lib/users/set-password-with-link.ts#setPasswordWithLink':
    'a signed single-use link is the credential',
  'lib/users/end-session.ts#endSession': 'sign-out of the session that asks for it',
  'lib/auth/api-tokens.ts#checkApiToken': 'the bearer token is the check; stamps only its last use',
  'lib/auth/totp-code-check.ts#recordUsedStep':
    'inside a sign-in attempt or a code-confirmed change, after the code matched',
  'lib/users/mfa-enrolment.ts#getOrStartTotpEnrolment':
    'the signed-in user’s own pending secret, which protects nothing until confirmed',
  'lib/users/mfa-recovery-codes.ts#replaceRecoveryCodes':
    'inside confirmTotpEnrolment and regenerateRecoveryCodes, which check who asks',
  'lib/users/mfa-recovery-codes.ts#consumeRecoveryCode':
    'inside a sign-in attempt or a code-confirmed change: the code is the credential',
  'lib/notifications/mute-item.ts#muteItem':
    'the /unsubscribe route: an HMAC-signed link for one person and item',
  'lib/incidents/recent-views.ts#recordIncidentView':
    "the incident page, after requirePermission('tickets.view'); the viewer's own row",
  'lib/incidents/copy-events.ts#copyEventsToIncident': inside(
    'addEventsToIncident / createIncidentFromEvents and the trigger job',
  ),
  'lib/users/set-user-teams.ts#setUserTeams': inside('createUser / updateUser'),
  'lib/users/password-links.ts#revokeOpenPasswordLinks': inside(
    'resetPassword / setUserActive / changeOwnPassword / setPasswordWithLink',
  ),
  'lib/tickets/relations.ts#replaceWatchers': inside(
    'the ticket create and update entries (changeRelations)',
  ),
  'lib/tickets/relations.ts#replacePolicies': inside(
    'the ticket create and update entries (changeRelations)',
  ),
  'lib/schedules/schedule-relations.ts#replaceScheduleWatchers': inside(
    'createSchedule / updateSchedule',
  ),
  'lib/schedules/schedule-relations.ts#replaceSchedulePolicies': inside(
    'createSchedule / updateSchedule',
  ),
  'lib/schedules/generate-period.ts#generatePeriodTask': inside(
    'generateNow / updateSchedule, or the schedule generator job',
  ),
  'lib/schedules/generate-period.ts#recordMissedPeriods': inside(
    'the schedule generator job and generateNow',
  ),
  'lib/schedules/review-evidence.ts#recordReviewEvidence': inside('generatePeriodTask'),
  'lib/outbox/enqueue.ts#enqueueOutbox': inside(
    "every entry's transaction (side effects after commit)",
  ),
  'lib/schedules/generate-due.ts#generateDueSchedule': worker('schedule generator'),
  'lib/schedules/generate-due.ts#recordGenerationFailure': worker('schedule generator'),
  'lib/schedules/generate-due.ts#giveUpOnOccurrence': worker('schedule generator'),
  'lib/schedules/generate-due.ts#initialiseCursors': worker('schedule generator'),
  'lib/notifications/send-digests.ts#sendDueDigests': worker('digest job'),
  'lib/notifications/deliver-notification.ts#fanOutNotification': worker('notification delivery'),
  'lib/notifications/owner-fallback-notice.ts#claimOwnerFallbackNotice':
    worker('administrator notices'),
  'lib/outbox/outbox-lease.ts#claimOutbox': worker('outbox drainer'),
  'lib/outbox/outbox-lease.ts#parkAbandonedOutbox': worker('outbox drainer'),
  'lib/outbox/outbox-lease.ts#releaseOutbox': worker('outbox drainer'),
  'lib/webhooks/deliver-webhook-message.ts#deliverWebhookMessage': worker('webhook delivery'),
  'lib/email/dev-mailbox-transport.ts#createDevMailboxTransport': worker(
    'email delivery (the development mailbox)',
  ),
  'lib/library/sync-library.ts#syncLibrary': 'migration and seed: the shipped template catalogue',
  'lib/notice-clocks/sync-notice-rules.ts#syncNoticeRules':
    'migration and seed: the shipped notice rules',
};

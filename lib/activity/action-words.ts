import type { ActivityRow } from '@/db/schema';
import type { ActivityLabels } from './activity-labels';

// What each action in the log reads as after the actor's name: "Dana Reyes closed
// TASK-2001". {item} is the row's item (its number, a schedule's name, a person's name).
// tests/unit/action-words.test.ts fails when the code writes an action missing here.
export const ACTION_WORDS: Readonly<Record<string, string>> = {
  'incident.created': 'created {item}',
  'incident.updated': 'updated {item}',
  'incident.state-changed': 'moved {item} to another state',
  'incident.closed': 'closed {item}',
  'incident.reopened': 'reopened {item}',
  'incident.note-added': 'added a note to {item}',
  'incident.note-edited': 'edited a note on {item}',
  'incident.events-added': 'added events to the evidence of {item}',
  'incident.attachment-added': 'attached a file to {item}',
  'incident.linked': 'linked {item}',
  'incident.unlinked': 'removed a link from {item}',
  'incident.alert-repeated': 'reported the alert of {item} again',
  'incident.trigger-events-added': 'added the events a trigger matched to {item}',
  // Regulator notification clocks (lib/notice-clocks).
  'incident.notice-marked': 'marked {item} notifiable',
  'incident.notice-recorded': 'recorded the notification made for {item}',
  'incident.notice-warned': 'warned of the notification deadline of {item}',
  'notice-rule.created': 'added a notification rule',
  'notice-rule.updated': 'changed a notification rule',
  'notice-rule.enabled': 'enabled a notification rule',
  'notice-rule.disabled': 'disabled a notification rule',
  'task.created': 'created {item}',
  'task.updated': 'updated {item}',
  'task.closed': 'closed {item}',
  'task.invalidated': 'marked {item} invalid',
  'task.reopened': 'reopened {item}',
  'task.note-added': 'added a note to {item}',
  'task.note-edited': 'edited a note on {item}',
  'task.attachment-added': 'attached a file to {item}',
  'schedule.created': 'created the schedule {item}',
  'schedule.updated': 'changed the schedule {item}',
  'schedule.paused': 'paused the schedule {item}',
  'schedule.resumed': 'resumed the schedule {item}',
  'schedule.owner-fallback': 'gave the tasks of schedule {item} to its fallback owner',
  // Policies (the organization's own, versioned)
  'policy.created': 'added the policy {item}',
  'policy.updated': 'changed the policy {item}',
  'policy.retired': 'retired the policy {item}',
  'policy.reactivated': 'reactivated the policy {item}',
  'trigger.created': 'created the trigger {item}',
  'trigger.updated': 'changed the trigger {item}',
  'trigger.paused': 'paused the trigger {item}',
  'trigger.resumed': 'resumed the trigger {item}',
  'user.created': 'created the account of {item}',
  'user.updated': 'changed the account of {item}',
  'user.deactivated': 'deactivated {item}',
  'user.reactivated': 'reactivated {item}',
  'user.sign-in-unlocked': 'unlocked sign-in for {item}',
  'user.signed-in': 'signed in',
  // Single sign-on (lib/auth/oidc-sign-in.ts).
  'user.signed-in-with-sso': 'signed in with single sign-on',
  'user.sso-refused': 'refused a single sign-on of {item}',
  'user.signed-out': 'signed out',
  'user.api-tokens-revoked': 'revoked the API tokens of {item}',
  'user.profile-updated': 'updated their profile',
  'user.password-changed': 'changed their password',
  'user.password-reset': 'reset the password of {item}',
  'user.password-set': 'set their password from an emailed link',
  // Two-step sign-in (lib/users/mfa-*.ts).
  'user.mfa-enrolled': 'set up two-step sign-in',
  'user.mfa-disabled': 'turned off two-step sign-in',
  'user.mfa-reset': 'reset the two-step sign-in of {item}',
  'user.mfa-recovery-code-used': 'signed in with a recovery code',
  'user.mfa-recovery-codes-regenerated': 'made new two-step sign-in recovery codes',
  'user.notification-preferences-updated': 'changed their email preferences',
  'team.created': 'created the team {item}',
  'api-token.created': 'created an API token',
  'api-token.revoked': 'revoked an API token',
  'calendar-feed.created': 'made a new calendar feed address for {item}',
  'calendar-feed.revoked': 'revoked the calendar feed address of {item}',
  'notifications.muted': 'stopped emails about {item}',
  'organization.updated': 'changed the organization settings',
  'holiday.added': 'added the holiday {item}',
  'holiday.removed': 'removed the holiday {item}',
  'outbox.retried': 'retried a failed message',
  // The daily anchor of the activity log's hash chain (lib/audit/anchor-chain.ts).
  'audit.anchored': 'recorded and mailed the day’s audit anchor',
  // Webhook endpoints (lib/webhooks), Settings → Integrations.
  'webhook.created': 'added {item}',
  'webhook.updated': 'changed {item}',
  'webhook.paused': 'paused {item}',
  'webhook.resumed': 'resumed {item}',
  'webhook.removed': 'removed {item}',
  'webhook.test-sent': 'sent a test event to {item}',
  'webhook.private-addresses-allowed': 'let {item} reach private addresses',
  'webhook.private-addresses-refused': 'stopped {item} reaching private addresses',
  'retention.pruned': 'removed delivered bookkeeping past its retention',
  'events.partitions-dropped': 'removed the log events past their retention',
  // The compliance report (lib/reports): each report generated, with its filters and hash.
  'report.generated': 'generated a compliance report',
  // The evidence bundle (lib/reports/bundle): a download that did not reach its end.
  'report.bundle-incomplete': 'started an evidence bundle that did not complete',
};

const ITEM_NOUNS: Readonly<Record<string, string>> = {
  incident: 'an incident',
  task: 'a task',
  schedule: 'a schedule',
  trigger: 'a trigger',
  user: 'someone no longer in Vigil',
  team: 'a team',
  policy: 'a policy',
  webhook: 'a webhook endpoint',
};

/** The item's name as the log shows it; a holiday's id is its day, already readable. */
export function itemLabel(
  row: Pick<ActivityRow, 'entityType' | 'entityId'>,
  labels: ActivityLabels,
): string {
  const name = labels.names.get(`${row.entityType}:${row.entityId}`);
  if (name) return name;
  return ITEM_NOUNS[row.entityType] ?? row.entityId;
}

export function itemHref(
  row: Pick<ActivityRow, 'entityType' | 'entityId'>,
  labels: ActivityLabels,
): string | undefined {
  return labels.hrefs.get(`${row.entityType}:${row.entityId}`);
}

/** The verb phrase split around the item, so a page can link the item: ["closed ", "TASK-2001", ""]. */
export function actionParts(
  row: Pick<ActivityRow, 'action' | 'entityType' | 'entityId'>,
  labels: ActivityLabels,
): [string, string, string] {
  const words = ACTION_WORDS[row.action] ?? fallbackWords(row.action);
  const at = words.indexOf('{item}');
  if (at < 0) return [words, '', ''];
  return [words.slice(0, at), itemLabel(row, labels), words.slice(at + '{item}'.length)];
}

/** "closed TASK-2001": the phrase that follows the actor's name. */
export function describeAction(
  row: Pick<ActivityRow, 'action' | 'entityType' | 'entityId'>,
  labels: ActivityLabels,
): string {
  return actionParts(row, labels).join('');
}

/** The person or process that acted, without the email address kept beside the name. */
export function actorName(row: Pick<ActivityRow, 'actorLabel'>): string {
  if (row.actorLabel.startsWith('system:'))
    return `Vigil (${row.actorLabel.slice(7).replace('worker:', '')})`;
  return row.actorLabel.replace(/ <.*>$/, '');
}

// An action added later without words still reads as words: "task.due-moved" → "due moved {item}".
function fallbackWords(action: string): string {
  const verb = action.slice(action.indexOf('.') + 1).replaceAll('-', ' ');
  return `${verb} {item}`;
}

'use client';

import {
  markNotifiableAction,
  recordNotificationAction,
} from '@/app/(app)/incidents/[number]/notice-clock-actions';
import { SettingsForm } from '@/components/settings/settings-form';
import { Field, inputClass } from '@/components/ui/field';

export type RuleChoice = {
  id: string;
  name: string;
  version: number;
  deadlineHours: number;
  clockStartsWhen: string;
};

/** "Mark notifiable": the rule, the basis (required), and when the clock started. */
export function MarkNotifiableForm({
  incidentId,
  rules,
  now,
}: {
  incidentId: string;
  rules: RuleChoice[];
  /** The current minute in the viewer's zone, the latest start the input offers. */
  now: string;
}) {
  return (
    <SettingsForm
      action={markNotifiableAction.bind(null, incidentId)}
      submitLabel="Mark notifiable"
    >
      {(errors) => (
        <>
          <Field label="Rule" error={errors.ruleId ?? errors.ruleVersion}>
            {/* The rule's version travels with the choice: an edited deadline is never applied unseen. */}
            <select name="rule" className={inputClass}>
              {rules.map((rule) => (
                <option key={rule.id} value={`${rule.id}:${rule.version}`}>
                  {rule.name} ({rule.deadlineHours} h)
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Basis"
            error={errors.basis}
            hint="Why the incident is notifiable under this rule, in your words: kept as evidence."
          >
            <textarea name="basis" rows={3} className={inputClass} />
          </Field>
          <Field
            label="Clock started (your time)"
            error={errors.clockStartedAt}
            hint="When the rule's trigger happened, if earlier than now. Leave empty for now; never in the future."
          >
            <input name="clockStartedAt" type="datetime-local" max={now} className={inputClass} />
          </Field>
        </>
      )}
    </SettingsForm>
  );
}

/** "Record notification": stops the clock. */
export function RecordNotificationForm({
  clockId,
  version,
  attachments,
  now,
}: {
  clockId: string;
  version: number;
  attachments: { id: string; fileName: string }[];
  now: string;
}) {
  return (
    <SettingsForm
      action={recordNotificationAction.bind(null, clockId)}
      submitLabel="Record notification"
    >
      {(errors) => (
        <>
          <input type="hidden" name="version" value={version} />
          <Field
            label="Notified at (your time)"
            error={errors.notifiedAt}
            hint="Leave empty for now."
          >
            <input name="notifiedAt" type="datetime-local" max={now} className={inputClass} />
          </Field>
          <Field label="Notified whom" error={errors.notifiedTo}>
            <input name="notifiedTo" className={inputClass} />
          </Field>
          <Field
            label="Reference number"
            error={errors.reference}
            hint="The case or confirmation number the recipient gave."
          >
            <input name="reference" className={inputClass} />
          </Field>
          <Field
            label="Copy of the notification (optional)"
            error={errors.attachmentId}
            hint="Upload it under Attachments first, then choose it here."
          >
            <select name="attachmentId" className={inputClass} defaultValue="">
              <option value="">None</option>
              {attachments.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.fileName}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
    </SettingsForm>
  );
}

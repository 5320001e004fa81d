'use client';

import {
  createNoticeRuleAction,
  setNoticeRuleEnabledAction,
  updateNoticeRuleAction,
} from '@/app/(app)/settings/organization/notice-rule-actions';
import { SettingsForm } from '@/components/settings/settings-form';
import { ActionResultAlert } from '@/components/ui/action-result-alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { NoticeRule } from '@/db/schema';

/** Enables or disables one rule; the version it was drawn for travels with it. */
export function NoticeRuleToggle({ rule }: { rule: NoticeRule }) {
  const { result, pending, formProps } = useKeptForm(setNoticeRuleEnabledAction);
  return (
    <form {...formProps} className="space-y-2">
      <input type="hidden" name="ruleId" value={rule.id} />
      <input type="hidden" name="version" value={rule.version} />
      <input type="hidden" name="enabled" value={rule.enabled ? 'false' : 'true'} />
      <Button
        type="submit"
        size="sm"
        variant={rule.enabled ? 'secondary' : 'primary'}
        disabled={pending}
        aria-label={`${rule.enabled ? 'Disable' : 'Enable'} ${rule.name}`}
      >
        {rule.enabled ? 'Disable' : 'Enable'}
      </Button>
      {result && !result.ok && <ActionResultAlert result={result} />}
    </form>
  );
}

/** Adds a rule of the organization's own, or edits one (`rule` given). */
export function NoticeRuleForm({ rule }: { rule?: NoticeRule }) {
  return (
    <SettingsForm
      action={rule ? updateNoticeRuleAction : createNoticeRuleAction}
      resetOnSuccess={!rule}
      submitLabel={rule ? 'Save rule' : 'Add rule'}
    >
      {(errors) => (
        <>
          {rule && (
            <>
              <input type="hidden" name="ruleId" value={rule.id} />
              <input type="hidden" name="version" value={rule.version} />
            </>
          )}
          <Field label="Name" error={errors.name}>
            <input name="name" defaultValue={rule?.name} className={inputClass} />
          </Field>
          <Field label="Who must be notified" error={errors.notify}>
            <input name="notify" defaultValue={rule?.notify} className={inputClass} />
          </Field>
          <Field
            label="Citation (optional)"
            error={errors.citation}
            hint="Where the rule is written: a statute, a regulation, a contract clause."
          >
            <input name="citation" defaultValue={rule?.citation} className={inputClass} />
          </Field>
          <Field label="Summary (optional)" error={errors.summary}>
            <textarea name="summary" rows={3} defaultValue={rule?.summary} className={inputClass} />
          </Field>
          <Field
            label="Deadline (hours after the clock starts)"
            error={errors.deadlineHours}
            hint="Elapsed hours, weekends and nights included: 72 for three days, 1440 for 60 days."
          >
            <input
              name="deadlineHours"
              type="number"
              min={1}
              max={8760}
              step={1}
              defaultValue={rule?.deadlineHours}
              className={inputClass}
            />
          </Field>
          <Field label="What starts the clock" error={errors.clockStartsWhen}>
            <input
              name="clockStartsWhen"
              defaultValue={rule?.clockStartsWhen}
              className={inputClass}
            />
          </Field>
        </>
      )}
    </SettingsForm>
  );
}

'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { ActionResult } from '@/lib/actions/action-result';
import type { PickerOptions } from '@/lib/pickers';
import { OwnerSelect } from './owner-select';
import { PolicyCheckboxes } from './policy-checkboxes';
import { WatcherPicker } from './watcher-picker';

export const DESCRIPTION_PROMPT = `**Who:** host name or IP address showing the activity

**What:** what happened that looks unusual

**When:** when it started; has it stopped or is it ongoing?

**References:** links to alerts, tickets or documentation
`;

export type IncidentFormValues = {
  title: string;
  owner: string;
  severity: 'none' | 'low' | 'medium' | 'high';
  dueAt: string;
  description: string;
  watchers: { userId: string; frequency: 'all' | 'opened_closed' }[];
  policyIds: string[];
  version?: number;
};

/** New and edit share this form; times are entered in the viewer's own time zone. */
export function IncidentForm({
  action,
  options,
  values,
  timeZone,
  submitLabel,
}: {
  action: (previous: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;
  options: PickerOptions;
  values?: IncidentFormValues;
  timeZone: string;
  submitLabel: string;
}) {
  const { result: state, pending, formProps } = useKeptForm(action);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-5" noValidate>
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      {state?.ok && state.message && <Alert tone="success">{state.message}</Alert>}
      {values?.version !== undefined && <input type="hidden" name="version" value={values.version} />}
      <Field label="Title" error={errors.title}>
        <input name="title" defaultValue={values?.title} required maxLength={200} className={inputClass} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Owner" error={errors.owner} hint="Choose TRAC to have the outside SOC review it.">
          <OwnerSelect options={options} defaultValue={values?.owner ?? ''} />
        </Field>
        <Field label="Severity" error={errors.severity} hint="High: respond in 2 h. Medium: 12 h. Low and None: next business day.">
          <select name="severity" defaultValue={values?.severity ?? 'none'} className={inputClass}>
            <option value="none">None</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </Field>
        <Field label="Due" error={errors.dueAt} hint={`Your time zone: ${timeZone}`}>
          <input type="datetime-local" name="dueAt" defaultValue={values?.dueAt} className={inputClass} />
        </Field>
      </div>
      <Field label="Description" error={errors.description} hint="Markdown. Who, what, when, and links to references.">
        <textarea name="description" rows={9} defaultValue={values?.description ?? DESCRIPTION_PROMPT} className={`${inputClass} font-mono`} />
      </Field>
      <div className="grid gap-4 md:grid-cols-2">
        <WatcherPicker people={options.people} initial={values?.watchers} error={errors.watchers} />
        <PolicyCheckboxes policies={options.policies} checked={values?.policyIds} error={errors.policyIds} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}

'use client';

import {
  DescriptionField,
  DueField,
  OwnerField,
  TitleField,
  WatchersAndPolicies,
} from '@/components/tickets/ticket-fields';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { ActionResult } from '@/lib/actions/action-result';
import type { PickerOptions } from '@/lib/pickers';

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
  action: (
    previous: ActionResult<unknown> | null,
    form: FormData,
  ) => Promise<ActionResult<unknown>>;
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
      {values?.version !== undefined && (
        <input type="hidden" name="version" value={values.version} />
      )}
      <TitleField defaultValue={values?.title} error={errors.title} />
      <div className="grid gap-4 sm:grid-cols-3">
        <OwnerField
          options={options}
          defaultValue={values?.owner}
          error={errors.owner}
          hint="Choose TRAC to have the outside SOC review it."
        />
        <Field
          label="Severity"
          error={errors.severity}
          hint="High: respond in 2 h. Medium: 12 h. Low and None: next business day."
        >
          <select name="severity" defaultValue={values?.severity ?? 'none'} className={inputClass}>
            <option value="none">None</option>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </Field>
        <DueField defaultValue={values?.dueAt} error={errors.dueAt} timeZone={timeZone} />
      </div>
      <DescriptionField
        rows={9}
        defaultValue={values?.description ?? DESCRIPTION_PROMPT}
        error={errors.description}
        hint="Markdown. Who, what, when, and links to references."
      />
      <WatchersAndPolicies
        options={options}
        watchers={values?.watchers}
        policyIds={values?.policyIds}
        errors={errors}
      />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}

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

export type TaskFormValues = {
  title: string;
  owner: string;
  dueAt: string;
  description: string;
  tags: string[];
  query: string;
  watchers: { userId: string; frequency: 'all' | 'opened_closed' }[];
  policyIds: string[];
  version?: number;
};

/** New and edit share this form; the due time is entered in the viewer's own time zone. */
export function TaskForm({
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
  values?: TaskFormValues;
  timeZone: string;
  submitLabel: string;
}) {
  const { result: state, pending, formProps } = useKeptForm(action);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="space-y-5" noValidate>
      {state && !state.ok && <Alert tone="error">{state.error}</Alert>}
      {values?.version !== undefined && (
        <input type="hidden" name="version" value={values.version} />
      )}
      <TitleField defaultValue={values?.title} error={errors.title} />
      <div className="grid gap-4 sm:grid-cols-2">
        <OwnerField options={options} defaultValue={values?.owner} error={errors.owner} />
        <DueField defaultValue={values?.dueAt} error={errors.dueAt} timeZone={timeZone} />
      </div>
      <DescriptionField
        rows={8}
        defaultValue={values?.description}
        error={errors.description}
        hint="Markdown. The steps to follow and the evidence to attach."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Tags"
          error={errors.tags ?? errors['tags.0']}
          hint="Comma-separated, like access, sox."
        >
          <input name="tags" defaultValue={values?.tags.join(', ')} className={inputClass} />
        </Field>
        <Field label="Event query" error={errors.query} hint="The events to review, if any.">
          <input name="query" defaultValue={values?.query} className={`${inputClass} font-mono`} />
        </Field>
      </div>
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

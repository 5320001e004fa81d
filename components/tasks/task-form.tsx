'use client';

import {
  DescriptionField,
  DueField,
  OwnerField,
  TitleField,
  WatchersAndPolicies,
  type WatcherChoice,
} from '@/components/tickets/ticket-fields';
import { SaveButton, TicketForm, type TicketFormAction } from '@/components/tickets/ticket-form';
import { Field, inputClass } from '@/components/ui/field';
import type { PickerOptions } from '@/lib/pickers';

export type TaskFormValues = {
  title: string;
  owner: string;
  dueAt: string;
  description: string;
  tags: string[];
  query: string;
  watchers: WatcherChoice[];
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
  action: TicketFormAction;
  options: PickerOptions;
  values?: TaskFormValues;
  timeZone: string;
  submitLabel: string;
}) {
  return (
    <TicketForm action={action} version={values?.version}>
      {({ errors, pending }) => (
        <>
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
              <input
                name="query"
                defaultValue={values?.query}
                className={`${inputClass} font-mono`}
              />
            </Field>
          </div>
          <WatchersAndPolicies
            options={options}
            watchers={values?.watchers}
            policyIds={values?.policyIds}
            errors={errors}
          />
          <SaveButton pending={pending} label={submitLabel} />
        </>
      )}
    </TicketForm>
  );
}

'use client';

import { OwnerField, TitleField } from '@/components/tickets/ticket-fields';
import { SaveButton, TicketForm, type TicketFormAction } from '@/components/tickets/ticket-form';
import { Field, inputClass } from '@/components/ui/field';
import type { PickerOptions } from '@/lib/pickers';
import { MAX_POLICY_STATEMENT } from '@/lib/policies/schemas';

export type PolicyFormValues = {
  reference: string;
  title: string;
  statement: string;
  url: string;
  owner: string;
  reviewIntervalMonths: number | null;
  version?: number;
};

/** New and edit share this form; an edit of the text asks what changed (kept with the new version). */
export function PolicyForm({
  action,
  options,
  values,
  submitLabel,
}: {
  action: TicketFormAction;
  options: PickerOptions;
  values: PolicyFormValues;
  submitLabel: string;
}) {
  const editing = values.version !== undefined;
  return (
    <TicketForm action={action} version={values.version}>
      {({ errors, pending }) => (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              label="Reference"
              error={errors.reference}
              hint="Your own code for it, such as POL-7: unique among your policies."
            >
              <input
                name="reference"
                defaultValue={values.reference}
                required
                maxLength={50}
                className={inputClass}
              />
            </Field>
            <div className="sm:col-span-2">
              <TitleField defaultValue={values.title} error={errors.title} />
            </div>
          </div>
          <Field
            label="Statement"
            error={errors.statement}
            hint="What the policy requires, in your organization's words."
          >
            <textarea
              name="statement"
              rows={6}
              maxLength={MAX_POLICY_STATEMENT}
              defaultValue={values.statement}
              className={inputClass}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="sm:col-span-2">
              <Field
                label="Link"
                error={errors.url}
                hint="Where the full text is published (optional), starting with https://."
              >
                <input
                  name="url"
                  type="url"
                  defaultValue={values.url}
                  maxLength={2000}
                  className={inputClass}
                />
              </Field>
            </div>
            <Field
              label="Review every (months)"
              error={errors.reviewIntervalMonths}
              hint="1 to 60; empty for no review schedule. Its review task goes to the owner."
            >
              <input
                name="reviewIntervalMonths"
                type="number"
                min={1}
                max={60}
                defaultValue={values.reviewIntervalMonths ?? ''}
                className={inputClass}
              />
            </Field>
          </div>
          <OwnerField
            options={options}
            defaultValue={values.owner}
            error={errors.owner}
            hint="Who answers for the policy and gets its review task."
          />
          {editing && (
            <Field
              label="What changed"
              error={errors.changeNote}
              hint="Kept with the new version when the title, statement, link or interval changes."
            >
              <input name="changeNote" maxLength={2000} className={inputClass} />
            </Field>
          )}
          <SaveButton pending={pending} label={submitLabel} />
        </>
      )}
    </TicketForm>
  );
}

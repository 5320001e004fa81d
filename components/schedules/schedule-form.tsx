'use client';

import {
  DescriptionField,
  OwnerField,
  TitleField,
  WatchersAndPolicies,
  type WatcherChoice,
} from '@/components/tickets/ticket-fields';
import { SaveButton, TicketForm, type TicketFormAction } from '@/components/tickets/ticket-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { PickerOptions } from '@/lib/pickers';
import type { RecurrenceFormValues } from '@/lib/schedules/form-data';
import { RecurrenceFields } from './recurrence-fields';

export type ScheduleFormValues = {
  name: string;
  owner: string;
  description: string;
  query: string;
  watchers: WatcherChoice[];
  policyIds: string[];
  tags: string[];
  groupName: string;
  dueInDays: number;
  active: boolean;
  recurrence: RecurrenceFormValues;
  version?: number;
};

/** New and edit share this form. */
export function ScheduleForm({
  action,
  options,
  values,
  submitLabel,
}: {
  action: TicketFormAction;
  options: PickerOptions;
  values: ScheduleFormValues;
  submitLabel: string;
}) {
  return (
    <TicketForm action={action} version={values.version}>
      {({ errors, pending }) => (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="sm:col-span-2">
              <TitleField
                label="Name"
                name="name"
                defaultValue={values.name}
                error={errors.name}
                hint="The task title adds the period: “User Account Created — March 2027”."
              />
            </div>
            <OwnerField
              options={options}
              defaultValue={values.owner}
              error={errors.owner}
              hint="Who does the review."
            />
          </div>
          <RecurrenceFields initial={values.recurrence} errors={errors} />
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              label="Due in days"
              error={errors.dueInDays}
              hint="Days after each occurrence, to the end of that day in the schedule's zone."
            >
              <input
                type="number"
                name="dueInDays"
                min={0}
                max={365}
                defaultValue={values.dueInDays}
                className={inputClass}
              />
            </Field>
            <Field label="Tags" error={errors.tags} hint="Separated by commas.">
              <input name="tags" defaultValue={values.tags.join(', ')} className={inputClass} />
            </Field>
            <Field label="Group" error={errors.groupName} hint="One folder-like group, optional.">
              <input
                name="groupName"
                defaultValue={values.groupName}
                maxLength={100}
                className={inputClass}
              />
            </Field>
          </div>
          <DescriptionField
            rows={10}
            defaultValue={values.description}
            error={errors.description}
            hint="Markdown. Your procedure: how to do it, what to document, what to attach."
          />
          <Field
            label="Event query"
            error={errors.query}
            hint="Copied into each task: the events to look at."
          >
            <textarea
              name="query"
              rows={2}
              defaultValue={values.query}
              className={`${inputClass} font-mono`}
            />
          </Field>
          <WatchersAndPolicies
            options={options}
            watchers={values.watchers}
            policyIds={values.policyIds}
            errors={errors}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="active" defaultChecked={values.active} />
            Active: create a task at each occurrence
          </label>
          {errors.confirmPeriodChange && <Alert tone="warning">{errors.confirmPeriodChange}</Alert>}
          <div className="flex gap-2">
            <SaveButton pending={pending} label={submitLabel} />
            {/* The edit changes which period a task stands for: saving again with this says "yes". */}
            {errors.confirmPeriodChange && (
              <Button
                type="submit"
                name="confirmPeriodChange"
                value="true"
                variant="secondary"
                disabled={pending}
              >
                Save anyway
              </Button>
            )}
          </div>
        </>
      )}
    </TicketForm>
  );
}

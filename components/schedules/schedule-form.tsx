'use client';

import { EventQueryField } from '@/components/events/event-query-field';
import { NameAndOwnerFields } from '@/components/tickets/name-and-owner-fields';
import {
  DescriptionField,
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
          <NameAndOwnerFields
            options={options}
            values={values}
            errors={errors}
            nameHint="The task title adds the period: “User Account Created — March 2027”."
            ownerHint="Who does the review."
          />
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
          <EventQueryField
            rows={2}
            defaultValue={values.query}
            error={errors.query}
            hint="Copied into each task: the events to look at."
          />
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

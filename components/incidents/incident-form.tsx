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
  watchers: WatcherChoice[];
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
  action: TicketFormAction;
  options: PickerOptions;
  values?: IncidentFormValues;
  timeZone: string;
  submitLabel: string;
}) {
  return (
    <TicketForm action={action} version={values?.version} showSuccess>
      {({ errors, pending }) => (
        <>
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
              <select
                name="severity"
                defaultValue={values?.severity ?? 'none'}
                className={inputClass}
              >
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
          <SaveButton pending={pending} label={submitLabel} />
        </>
      )}
    </TicketForm>
  );
}

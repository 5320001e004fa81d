'use client';

import { EventQueryField } from '@/components/events/event-query-field';
import { NameAndOwnerFields } from '@/components/tickets/name-and-owner-fields';
import { DescriptionField } from '@/components/tickets/ticket-fields';
import { SaveButton, TicketForm, type TicketFormAction } from '@/components/tickets/ticket-form';
import { Field, inputClass } from '@/components/ui/field';
import { SEVERITIES, SEVERITY_LABELS } from '@/lib/incidents/schemas';
import type { PickerOptions } from '@/lib/pickers';
import { MAX_INTERVAL_MINUTES } from '@/lib/triggers/windows';

export type TriggerFormValues = {
  name: string;
  description: string;
  query: string;
  intervalMinutes: number;
  threshold: number;
  severity: (typeof SEVERITIES)[number];
  owner: string;
  templateKey?: string | null;
  version?: number;
};

/** New and edit share this form. */
export function TriggerForm({
  action,
  options,
  values,
  submitLabel,
}: {
  action: TicketFormAction;
  options: PickerOptions;
  values: TriggerFormValues;
  submitLabel: string;
}) {
  return (
    <TicketForm action={action} version={values.version}>
      {({ errors, pending }) => (
        <>
          {values.templateKey && values.version === undefined && (
            <input type="hidden" name="templateKey" value={values.templateKey} />
          )}
          <NameAndOwnerFields
            options={options}
            values={values}
            errors={errors}
            nameHint="The incident it opens is titled with it: “Failed logon burst: 12 events matched”."
            ownerHint="Who owns the incidents it opens."
          />
          <EventQueryField
            rows={3}
            required
            defaultValue={values.query}
            error={errors.query}
            hint="The Events page’s query language, e.g. event_id:4625 AND hostname:srv*"
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              label="Interval (minutes)"
              error={errors.intervalMinutes}
              hint={`Each window of this length is counted once, a minute after it ends (1 to ${MAX_INTERVAL_MINUTES}).`}
            >
              <input
                type="number"
                name="intervalMinutes"
                min={1}
                max={MAX_INTERVAL_MINUTES}
                defaultValue={values.intervalMinutes}
                className={inputClass}
              />
            </Field>
            <Field
              label="Threshold (events)"
              error={errors.threshold}
              hint="A window with at least this many matches opens an incident, or adds to the open one."
            >
              <input
                type="number"
                name="threshold"
                min={1}
                defaultValue={values.threshold}
                className={inputClass}
              />
            </Field>
            <Field label="Severity" error={errors.severity} hint="Of the incident it opens.">
              <select name="severity" defaultValue={values.severity} className={inputClass}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_LABELS[s]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <DescriptionField
            rows={4}
            defaultValue={values.description}
            error={errors.description}
            hint="Why it matters and what to do: shown on the trigger’s page."
          />
          <SaveButton pending={pending} label={submitLabel} />
        </>
      )}
    </TicketForm>
  );
}

'use client';

import type { ReactNode } from 'react';
import { Field, inputClass } from '@/components/ui/field';
import type { PickerOptions } from '@/lib/pickers';
import { OwnerSelect } from './owner-select';
import { PolicyPicker } from './policy-picker';
import { WatcherPicker } from './watcher-picker';

// The field groups the incident, task and schedule forms share, named as their actions parse
// them (lib/incidents/form-data.ts, lib/tasks/form-data.ts, lib/schedules/form-data.ts).

type Errors = Record<string, string>;

/** A watcher as the forms hand it to their actions. */
export type WatcherChoice = { userId: string; frequency: 'all' | 'opened_closed' };

export function TitleField({
  label = 'Title',
  name = 'title',
  defaultValue,
  error,
  hint,
}: {
  label?: string;
  name?: string;
  defaultValue?: string;
  error?: string;
  hint?: ReactNode;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      <input
        name={name}
        defaultValue={defaultValue}
        required
        maxLength={200}
        className={inputClass}
      />
    </Field>
  );
}

/**
 * Only people who can work the item are offered (PickerOptions.owners), and every team. An
 * owner who became read-only stays shown, marked, so an edit of another field neither hides
 * nor silently drops them; saving asks for someone else (lib/owners/owner.ts).
 */
export function OwnerField({
  options,
  defaultValue = '',
  error,
  hint,
}: {
  options: PickerOptions;
  defaultValue?: string;
  error?: string;
  hint?: ReactNode;
}) {
  const current = options.people.find(
    (p) => `user:${p.id}` === defaultValue && !options.owners.some((o) => o.id === p.id),
  );
  const people = current
    ? [...options.owners, { ...current, name: `${current.name} (read-only: choose another owner)` }]
    : options.owners;
  return (
    <OwnerSelect
      options={{ teams: options.teams, people }}
      defaultValue={defaultValue}
      error={error}
      hint={hint}
    />
  );
}

export function DueField({
  defaultValue,
  error,
  timeZone,
}: {
  defaultValue?: string;
  error?: string;
  timeZone: string;
}) {
  return (
    <Field label="Due" error={error} hint={`Your time zone: ${timeZone}`}>
      <input
        type="datetime-local"
        name="dueAt"
        defaultValue={defaultValue}
        className={inputClass}
      />
    </Field>
  );
}

export function DescriptionField({
  defaultValue,
  error,
  hint,
  rows,
}: {
  defaultValue?: string;
  error?: string;
  hint: ReactNode;
  rows: number;
}) {
  return (
    <Field label="Description" error={error} hint={hint}>
      <textarea
        name="description"
        rows={rows}
        defaultValue={defaultValue}
        className={`${inputClass} font-mono`}
      />
    </Field>
  );
}

export function WatchersAndPolicies({
  options,
  watchers,
  policyIds,
  errors,
}: {
  options: PickerOptions;
  watchers?: WatcherChoice[];
  policyIds?: string[];
  errors: Errors;
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <WatcherPicker people={options.people} initial={watchers} error={errors.watchers} />
      <PolicyPicker
        policies={options.policies}
        retired={options.retiredPolicies}
        checked={policyIds}
        error={errors.policyIds}
      />
    </div>
  );
}

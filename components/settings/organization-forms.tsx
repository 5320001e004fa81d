'use client';

import { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } from '@/lib/auth/session-limit-bounds';
import Link from 'next/link';
import { useTransition } from 'react';
import {
  addHolidayAction,
  removeHolidayAction,
  updateOrganizationAction,
} from '@/app/(app)/settings/organization/actions';
import { OwnerSelect, type OwnerOptions } from '@/components/tickets/owner-select';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useKeptForm } from '@/components/ui/use-kept-form';
import type { Organization } from '@/db/schema';
import { SettingsForm } from './settings-form';
import { TimeZoneSelect } from './time-zone-select';

export function OrganizationForm({
  organization,
  fallbackOptions,
}: {
  organization: Organization;
  fallbackOptions: OwnerOptions;
}) {
  return (
    <SettingsForm action={updateOrganizationAction} submitLabel="Save">
      {(errors) => (
        <>
          <Field label="Organization name" error={errors.name}>
            <input name="name" defaultValue={organization.name} className={inputClass} />
          </Field>
          <TimeZoneSelect
            defaultValue={organization.timeZone}
            error={errors.timeZone}
            hint="Business days for Low and None response targets are counted here."
          />
          <Field
            label="On-call instructions"
            error={errors.onCallInstructions}
            hint="Shown when someone opens a Medium or High incident."
          >
            <textarea
              name="onCallInstructions"
              rows={3}
              defaultValue={organization.onCallInstructions}
              className={inputClass}
            />
          </Field>
          <Field label="On-call phone number" error={errors.onCallPhone}>
            <input
              name="onCallPhone"
              defaultValue={organization.onCallPhone}
              className={inputClass}
            />
          </Field>
          <p className="text-sm text-slate-600">
            Paging services and chat channels are told of incidents through webhooks, in{' '}
            <Link href="/settings/integrations" className="text-brand-700 underline">
              Settings → Integrations
            </Link>
            .
          </p>
          <Field
            label="Keep log events for (days)"
            error={errors.eventRetentionDays}
            hint="Older events are removed a whole day at a time. Events copied into an incident as evidence are kept for good."
          >
            <input
              name="eventRetentionDays"
              type="number"
              min={1}
              max={3650}
              step={1}
              required
              defaultValue={organization.eventRetentionDays}
              className={inputClass}
            />
          </Field>
          <Field
            label="Sign out after inactivity (minutes)"
            error={errors.sessionIdleMinutes}
            hint={`A browser session with no request for this long ends; ${SESSION_IDLE_MINUTES.min} to ${SESSION_IDLE_MINUTES.max}.`}
          >
            <input
              name="sessionIdleMinutes"
              type="number"
              min={SESSION_IDLE_MINUTES.min}
              max={SESSION_IDLE_MINUTES.max}
              step={1}
              required
              defaultValue={organization.sessionIdleMinutes}
              className={inputClass}
            />
          </Field>
          <Field
            label="Sign in again after (hours)"
            error={errors.sessionMaxHours}
            hint={`However active, a session ends this long after signing in; ${SESSION_MAX_HOURS.min} to ${SESSION_MAX_HOURS.max}.`}
          >
            <input
              name="sessionMaxHours"
              type="number"
              min={SESSION_MAX_HOURS.min}
              max={SESSION_MAX_HOURS.max}
              step={1}
              required
              defaultValue={organization.sessionMaxHours}
              className={inputClass}
            />
          </Field>
          <OwnerSelect
            name="fallbackOwner"
            label="Owner of tasks whose schedule has no active owner"
            options={fallbackOptions}
            emptyLabel="The administrators"
            defaultValue={
              organization.fallbackOwnerUserId
                ? `user:${organization.fallbackOwnerUserId}`
                : organization.fallbackOwnerTeamId
                  ? `team:${organization.fallbackOwnerTeamId}`
                  : ''
            }
            error={errors.fallbackOwner}
            hint="When a schedule's owner is deactivated, its new tasks go here and administrators are emailed. Without a choice, the longest-standing administrator takes them."
          />
        </>
      )}
    </SettingsForm>
  );
}

export function HolidayForm() {
  const {
    result: state,
    pending,
    formProps,
  } = useKeptForm(addHolidayAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
      <Field label="Date" error={errors.day}>
        <input name="day" type="date" className={inputClass} />
      </Field>
      <Field label="Name" error={errors.name}>
        <input name="name" className={inputClass} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        Add holiday
      </Button>
      {state && !state.ok && !Object.keys(errors).length && (
        <Alert tone="error">{state.error}</Alert>
      )}
    </form>
  );
}

export function RemoveHolidayButton({ day }: { day: string }) {
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => start(() => void removeHolidayAction(day))}
      className="text-xs text-slate-500 underline hover:text-red-700"
    >
      Remove
    </button>
  );
}

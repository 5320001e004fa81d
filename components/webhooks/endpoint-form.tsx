'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { fieldErrorsOf, useKeptForm } from '@/components/ui/use-kept-form';
import type { WebhookEndpoint } from '@/db/schema';
import type { ActionResult } from '@/lib/actions/action-result';
import { SEVERITY_LABELS } from '@/lib/incidents/schemas';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/event-types';
import { WEBHOOK_FORMAT_LABELS, WEBHOOK_FORMATS } from '@/lib/webhooks/webhook-format';

/** Adds an endpoint (no `endpoint`) or edits one from the version shown. */
export function EndpointForm({
  action,
  endpoint,
  submitLabel,
}: {
  action: (
    previous: ActionResult<unknown> | null,
    form: FormData,
  ) => Promise<ActionResult<unknown>>;
  endpoint?: WebhookEndpoint;
  submitLabel: string;
}) {
  const { result, pending, formProps } = useKeptForm(action, { resetOnSuccess: !endpoint });
  const errors = fieldErrorsOf(result);
  const chosen = new Set(endpoint?.eventTypes ?? ['incident.opened']);
  return (
    <form {...formProps} className="space-y-4" noValidate>
      {result &&
        (result.ok ? (
          result.message && <Alert tone="success">{result.message}</Alert>
        ) : (
          <Alert tone="error">{result.error}</Alert>
        ))}
      {endpoint && <input type="hidden" name="version" value={endpoint.version} />}
      <Field
        label="URL"
        error={errors.url}
        hint="Where messages are POSTed: your receiver, or the incoming-webhook URL Slack or a Teams workflow gave you."
      >
        <input name="url" type="url" required defaultValue={endpoint?.url} className={inputClass} />
      </Field>
      <Field label="Description" error={errors.description}>
        <input name="description" defaultValue={endpoint?.description} className={inputClass} />
      </Field>
      <Field label="Format" error={errors.format}>
        <select name="format" defaultValue={endpoint?.format ?? 'standard'} className={inputClass}>
          {WEBHOOK_FORMATS.map((format) => (
            <option key={format} value={format}>
              {WEBHOOK_FORMAT_LABELS[format]}
            </option>
          ))}
        </select>
      </Field>
      <fieldset
        className="space-y-1"
        aria-describedby={errors.eventTypes ? 'events-error' : undefined}
      >
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="eventTypes"
              value={type}
              defaultChecked={chosen.has(type)}
            />
            {WEBHOOK_EVENT_LABELS[type]} <code className="text-xs text-slate-500">{type}</code>
          </label>
        ))}
        {(errors.eventTypes ?? errors['eventTypes.0']) && (
          <p id="events-error" className="text-sm text-red-700" role="alert">
            {errors.eventTypes ?? errors['eventTypes.0']}
          </p>
        )}
      </fieldset>
      <Field
        label="Incidents of at least this severity"
        error={errors.minimumSeverity}
        hint="Incident events below it are not sent: a pager may want Medium and High only."
      >
        <select
          name="minimumSeverity"
          defaultValue={endpoint?.minimumSeverity ?? ''}
          className={inputClass}
        >
          <option value="">Any severity</option>
          {(['low', 'medium', 'high'] as const).map((severity) => (
            <option key={severity} value={severity}>
              {SEVERITY_LABELS[severity]}
            </option>
          ))}
        </select>
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="allowPrivateAddresses"
          defaultChecked={endpoint?.allowPrivateAddresses}
          className="mt-1"
        />
        <span>
          Allow private addresses
          <span className="block text-xs text-slate-500">
            Lets this endpoint reach loopback, private and link-local addresses inside the network
            (an internal paging service). Off, such addresses are refused when saving and when
            sending. The change is recorded in the activity log.
          </span>
        </span>
      </label>
      <Button type="submit" disabled={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

'use client';

import { updateNotificationPreferencesAction } from '@/app/(app)/settings/profile/actions';
import { Field, inputClass } from '@/components/ui/field';
import { SettingsForm } from './settings-form';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function NotificationPreferencesForm({
  delivery,
  digestHour,
  includeOwnChanges,
  timeZone,
}: {
  delivery: 'immediate' | 'digest';
  digestHour: number;
  includeOwnChanges: boolean;
  timeZone: string;
}) {
  return (
    <SettingsForm action={updateNotificationPreferencesAction} submitLabel="Save">
      {(errors) => (
        <>
          <Field
            label="Delivery"
            error={errors.delivery}
            hint="Response-target warnings always arrive at once."
          >
            <select name="delivery" defaultValue={delivery} className={inputClass}>
              <option value="immediate">Each email as it happens</option>
              <option value="digest">One daily digest</option>
            </select>
          </Field>
          <Field
            label="Digest hour"
            error={errors.digestHour}
            hint={`In your time zone (${timeZone}).`}
          >
            <select name="digestHour" defaultValue={String(digestHour)} className={inputClass}>
              {HOURS.map((h) => (
                <option key={h} value={h}>
                  {String(h).padStart(2, '0')}:00
                </option>
              ))}
            </select>
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="includeOwnChanges" defaultChecked={includeOwnChanges} />
            Also email me about my own changes
          </label>
        </>
      )}
    </SettingsForm>
  );
}

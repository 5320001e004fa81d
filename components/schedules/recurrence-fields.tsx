'use client';

import { useEffect, useState, useTransition } from 'react';
import { previewRecurrenceAction, type RecurrencePreview } from '@/app/(app)/schedules/actions';
import { Field, inputClass } from '@/components/ui/field';
import type { RecurrenceFormValues } from '@/lib/schedules/form-data';
import {
  ORDINALS,
  RECURRENCE_KIND_LABELS,
  RECURRENCE_KINDS,
  WEEKDAY_NAMES,
  WEEKDAYS,
} from '@/lib/schedules/recurrence';
import { TIME_ZONES } from '@/lib/time/time-zones';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ORDINAL_LABELS: Record<string, string> = {
  '1': 'First',
  '2': 'Second',
  '3': 'Third',
  '4': 'Fourth',
  '-1': 'Last',
};

/**
 * The recurrence part of the schedule form. Every change asks the server (the same
 * validation and RRULE code the worker uses) for the recurrence in words, its next five
 * occurrences and, when a daylight-saving change moves or repeats its time on a day it
 * runs in the next year, what happens then; shown beside the fields.
 */
export function RecurrenceFields({
  initial,
  errors,
}: {
  initial: RecurrenceFormValues;
  errors: Record<string, string>;
}) {
  const [values, setValues] = useState(initial);
  const [preview, setPreview] = useState<RecurrencePreview | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (key: keyof RecurrenceFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  useEffect(() => {
    const timer = setTimeout(
      () => startTransition(async () => setPreview(await previewRecurrenceAction(values))),
      250,
    );
    return () => clearTimeout(timer);
  }, [values]);

  const previewErrors = preview && !preview.ok ? preview.fieldErrors : {};
  const error = (key: string) => errors[key] ?? previewErrors[key];
  const { kind } = values;
  const hasDay =
    kind === 'monthly-day' || kind === 'quarterly' || kind === 'semiannual' || kind === 'yearly';

  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">When it repeats</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Repeats" error={error('pattern.kind') ?? error('pattern')}>
          <select name="kind" value={kind} onChange={set('kind')} className={inputClass}>
            {RECURRENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {RECURRENCE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        {(kind === 'weekly' || kind === 'monthly-day') && (
          <Field
            label={kind === 'weekly' ? 'Every how many weeks' : 'Every how many months'}
            error={error('pattern.interval')}
          >
            <input
              type="number"
              name="interval"
              min={1}
              max={kind === 'weekly' ? 52 : 60}
              value={values.interval}
              onChange={set('interval')}
              className={inputClass}
            />
          </Field>
        )}
        {hasDay && (
          <Field
            label="Day of the month"
            error={error('pattern.day')}
            hint={
              kind === 'yearly'
                ? undefined
                : 'Days 29–31 fall back to the last day of shorter months.'
            }
          >
            <input
              type="number"
              name="day"
              min={1}
              max={31}
              value={values.day}
              onChange={set('day')}
              className={inputClass}
            />
          </Field>
        )}
        {kind === 'yearly' && (
          <Field label="Month" error={error('pattern.month')}>
            <select
              name="month"
              value={values.month}
              onChange={set('month')}
              className={inputClass}
            >
              {MONTHS.map((m, i) => (
                <option key={m} value={i + 1}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
        )}
        {kind === 'monthly-weekday' && (
          <>
            <Field label="Which" error={error('pattern.ordinal')}>
              <select
                name="ordinal"
                value={values.ordinal}
                onChange={set('ordinal')}
                className={inputClass}
              >
                {ORDINALS.map((o) => (
                  <option key={o} value={o}>
                    {ORDINAL_LABELS[String(o)]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Weekday" error={error('pattern.weekday')}>
              <select
                name="weekday"
                value={values.weekday}
                onChange={set('weekday')}
                className={inputClass}
              >
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {WEEKDAY_NAMES[d]}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
      </div>
      {kind === 'weekly' && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">On</legend>
          <div className="mt-1 flex flex-wrap gap-3 text-sm">
            {WEEKDAYS.map((d) => (
              <label key={d} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name="weekdays"
                  value={d}
                  checked={values.weekdays.includes(d)}
                  onChange={(e) =>
                    setValues((v) => ({
                      ...v,
                      weekdays: e.target.checked
                        ? [...v.weekdays, d]
                        : v.weekdays.filter((x) => x !== d),
                    }))
                  }
                />
                {WEEKDAY_NAMES[d]}
              </label>
            ))}
          </div>
          {error('pattern.weekdays') && (
            <p className="mt-1 text-sm text-red-700" role="alert">
              {error('pattern.weekdays')}
            </p>
          )}
        </fieldset>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Time of day" error={error('timeOfDay')}>
          <input
            type="time"
            name="timeOfDay"
            value={values.timeOfDay}
            onChange={set('timeOfDay')}
            className={inputClass}
          />
        </Field>
        <Field
          label="Time zone"
          error={error('timeZone')}
          hint="Occurrences keep this local time across daylight-saving changes."
        >
          <select
            name="timeZone"
            value={values.timeZone}
            onChange={set('timeZone')}
            className={inputClass}
          >
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Start date" error={error('startDate')}>
          <input
            type="date"
            name="startDate"
            value={values.startDate}
            onChange={set('startDate')}
            className={inputClass}
          />
        </Field>
        <Field label="End date (optional)" error={error('endDate')}>
          <input
            type="date"
            name="endDate"
            value={values.endDate}
            onChange={set('endDate')}
            className={inputClass}
          />
        </Field>
      </div>
      <div
        aria-live="polite"
        data-testid="recurrence-preview"
        className="rounded-md bg-slate-50 p-3 text-sm"
      >
        {preview?.ok ? (
          <>
            <p className="font-medium text-slate-900">{preview.words}</p>
            <p className="mt-2 text-xs font-medium uppercase tracking-wide text-slate-500">
              Next five occurrences
            </p>
            <ol className="mt-1 list-decimal pl-5 text-slate-700">
              {preview.next.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ol>
            {preview.next.length === 0 && (
              <p className="text-slate-600">No more occurrences: the end date has passed.</p>
            )}
            {preview.dstNotes.length > 0 && (
              <ul data-testid="recurrence-dst-notes" className="mt-2 space-y-1 text-amber-800">
                {preview.dstNotes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p className="text-slate-600">
            {pending || !preview
              ? 'Working out the next occurrences…'
              : 'Fix the fields above to see the next occurrences.'}
          </p>
        )}
      </div>
    </fieldset>
  );
}

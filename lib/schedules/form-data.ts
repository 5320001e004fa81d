import type { RecurrencePattern } from './recurrence';

// The schedule form (new and edit) read into the shape the domain's zod schemas validate.
// Only turns the browser's encoding into data; every rule lives in the schemas.

export type RecurrenceFormValues = {
  kind: string;
  interval: string;
  weekdays: string[];
  day: string;
  ordinal: string;
  weekday: string;
  month: string;
  timeOfDay: string;
  timeZone: string;
  startDate: string;
  endDate: string;
};

export function patternFromValues(
  v: Pick<
    RecurrenceFormValues,
    'kind' | 'interval' | 'weekdays' | 'day' | 'ordinal' | 'weekday' | 'month'
  >,
): RecurrencePattern {
  // Loose on purpose: the zod schema refuses what does not fit, field by field.
  switch (v.kind) {
    case 'weekly':
      return { kind: 'weekly', interval: Number(v.interval || 1), weekdays: v.weekdays as never };
    case 'monthly-day': {
      const interval = Number(v.interval || 1);
      return interval === 1
        ? { kind: 'monthly-day', day: Number(v.day) }
        : { kind: 'monthly-day', day: Number(v.day), interval };
    }
    case 'quarterly':
    case 'semiannual':
      return { kind: v.kind, day: Number(v.day) };
    case 'monthly-weekday':
      return { kind: 'monthly-weekday', ordinal: Number(v.ordinal), weekday: v.weekday as never };
    case 'yearly':
      return { kind: 'yearly', month: Number(v.month), day: Number(v.day) };
    default:
      return { kind: v.kind } as RecurrencePattern;
  }
}

export function recurrenceFromValues(v: RecurrenceFormValues) {
  return {
    pattern: patternFromValues(v),
    timeOfDay: v.timeOfDay,
    timeZone: v.timeZone,
    startDate: v.startDate,
    endDate: v.endDate || null,
  };
}

export function valuesFromPattern(
  pattern: RecurrencePattern,
): Pick<
  RecurrenceFormValues,
  'kind' | 'interval' | 'weekdays' | 'day' | 'ordinal' | 'weekday' | 'month'
> {
  const base = {
    kind: pattern.kind,
    interval: '1',
    weekdays: ['MO'],
    day: '1',
    ordinal: '1',
    weekday: 'MO',
    month: '1',
  };
  if (pattern.kind === 'weekly')
    return { ...base, interval: String(pattern.interval), weekdays: pattern.weekdays };
  if (pattern.kind === 'monthly-weekday')
    return { ...base, ordinal: String(pattern.ordinal), weekday: pattern.weekday };
  if (pattern.kind === 'yearly')
    return { ...base, month: String(pattern.month), day: String(pattern.day) };
  if (pattern.kind === 'monthly-day')
    return { ...base, interval: String(pattern.interval ?? 1), day: String(pattern.day) };
  if ('day' in pattern) return { ...base, day: String(pattern.day) };
  return base;
}

export function scheduleFormToInput(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? '');
  const recurrence = recurrenceFromValues({
    kind: text('kind'),
    interval: text('interval'),
    weekdays: form.getAll('weekdays').map(String),
    day: text('day'),
    ordinal: text('ordinal'),
    weekday: text('weekday'),
    month: text('month'),
    timeOfDay: text('timeOfDay'),
    timeZone: text('timeZone'),
    startDate: text('startDate'),
    endDate: text('endDate'),
  });
  const watchers = form.getAll('watcher').map((value) => {
    const userId = String(value);
    return {
      userId,
      frequency: String(form.get(`frequency-${userId}`) ?? 'all') as 'all' | 'opened_closed',
    };
  });
  return {
    name: text('name'),
    owner: text('owner'),
    description: text('description'),
    query: text('query'),
    watchers,
    policyIds: form.getAll('policyIds').map(String),
    tags: text('tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    groupName: text('groupName'),
    dueInDays: text('dueInDays') === '' ? undefined : (text('dueInDays') as unknown as number),
    active: form.get('active') === 'on',
    ...recurrence,
  };
}

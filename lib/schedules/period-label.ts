import { MONTH_NAMES } from './recurrence';

// A ledger row's period in words, read from its key (lib/schedules/period-key.ts) rather than
// from the schedule's current pattern: a period recorded under an earlier rule keeps the name
// it had ("week of 2 March 2026" stays a week after the schedule became monthly).

function dayName(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "day:2026-03-08" → "8 March 2026", "week:2026-03-02" → "week of 2 March 2026", "month:2026-03" → "March 2026", "quarter:2026-Q1" → "Q1 2026". */
export function periodKeyLabel(periodKey: string): string {
  // Two tasks an older Vigil made for one period were both kept, the later keyed "<period>#<number>".
  const [key, duplicateOf] = periodKey.split('#');
  const [kind, value = ''] = key.split(':');
  let label: string;
  if (kind === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(value)) label = dayName(value);
  else if (kind === 'week' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    label = `week of ${dayName(value)}`;
  else if (kind === 'month' && /^\d{4}-\d{2}$/.test(value))
    label = `${MONTH_NAMES[Number(value.slice(5)) - 1]} ${value.slice(0, 4)}`;
  else if ((kind === 'quarter' || kind === 'half') && /^\d{4}-[QH]\d$/.test(value))
    label = `${value.slice(5)} ${value.slice(0, 4)}`;
  else if (kind === 'year' && /^\d{4}$/.test(value)) label = value;
  else label = periodKey;
  return duplicateOf ? `${label} (second task, TASK-${duplicateOf})` : label;
}

import { SEVERITY_LABELS } from '@/lib/incidents/schemas';
import type { EventTrigger } from '@/db/schema';

/** "5 minutes", "1 hour", "1 day 2 hours": how a trigger's interval reads. */
export function intervalInWords(minutes: number): string {
  const parts: string[] = [];
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days) parts.push(unit(days, 'day'));
  if (hours) parts.push(unit(hours, 'hour'));
  if (rest) parts.push(unit(rest, 'minute'));
  return parts.join(' ');
}

/** "10 or more events in 5 minutes opens a Medium incident" */
export function ruleInWords(
  trigger: Pick<EventTrigger, 'threshold' | 'intervalMinutes' | 'severity'>,
): string {
  const events = trigger.threshold === 1 ? 'Any event' : `${trigger.threshold} or more events`;
  return `${events} in ${intervalInWords(trigger.intervalMinutes)} opens a ${SEVERITY_LABELS[trigger.severity]} incident`;
}

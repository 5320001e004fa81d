/** "Nov 28, 2026, 14:05:09 CST": an event's own time, to the second, in the viewer's zone. */
export function formatEventTime(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(value);
}

// How review evidence reads on the task page and in exports: "12 events matched, Mar 1,
// 2026, 08:00 CST – Apr 1, 2026, 08:00 CST", the window in the schedule's zone.

const WINDOW: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** The half-open window as a range on the zone's clock (its end is the next occurrence, not included). */
export function reviewWindowWords(from: Date, to: Date, timeZone: string): string {
  // Plain spaces: Intl puts thin ones around the dash, which copy badly into reports.
  return new Intl.DateTimeFormat('en-US', { timeZone, ...WINDOW })
    .formatRange(from, to)
    .replace(/[\u2009\u202f]/g, ' ');
}

export function matchCountWords(count: number): string {
  if (count === 0) return 'No events matched';
  return count === 1 ? '1 event matched' : `${count.toLocaleString('en-US')} events matched`;
}

/** "12 events matched, Mar 1, 2026, 08:00 UTC – Apr 1, 2026, 08:00 UTC", or why it could not run. */
export function reviewEvidenceWords(evidence: {
  matchCount: number | null;
  windowFrom: Date;
  windowTo: Date;
  timeZone: string;
}): string {
  const window = reviewWindowWords(evidence.windowFrom, evidence.windowTo, evidence.timeZone);
  if (evidence.matchCount === null) return `The query could not run over ${window}`;
  return `${matchCountWords(evidence.matchCount)}, ${window}`;
}

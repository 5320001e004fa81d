import type { StoredEvent } from '@/lib/events/types';

// What the Events page writes into the new-incident form for the events an analyst selected:
// the description's Who, What and When, so the incident starts from the evidence. Pure, so
// the page's client code can call it.

export type EventPrefill = { who: string; what: string; when: string };

type PrefillEvent = Pick<StoredEvent, 'occurredAt' | 'hostname' | 'source_ip' | 'dest_ip'>;

/** Hosts and addresses named more than this are summarised as "and N more". */
const MAX_LISTED = 10;

const SECONDS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

function listed(values: string[]): string {
  if (values.length <= MAX_LISTED) return values.join(', ');
  return `${values.slice(0, MAX_LISTED).join(', ')} and ${values.length - MAX_LISTED} more`;
}

function distinct(values: (string | null)[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * Who: the selected events' hosts and addresses; what: the search and how many it matched
 * (`count`) against how many were selected; when: the first and last selected event, in
 * `timeZone` (the viewer's).
 */
export function prefillFromEvents(
  events: PrefillEvent[],
  search: { query: string },
  count: number,
  timeZone = 'UTC',
): EventPrefill {
  const hosts = distinct(events.map((e) => e.hostname));
  const addresses = distinct(events.flatMap((e) => [e.source_ip, e.dest_ip]));
  const who = [
    hosts.length ? `hosts ${listed(hosts)}` : '',
    addresses.length ? `addresses ${listed(addresses)}` : '',
  ]
    .filter(Boolean)
    .join('; ');

  const selected = events.length === 1 ? '1 event selected' : `${events.length} events selected`;
  const matched =
    count === 1 ? '1 event matched' : `${count.toLocaleString('en-US')} events matched`;
  const query = search.query.trim();
  const what = `${query ? `Events matching \`${query}\`` : 'All events in the range'}: ${matched}, ${selected}.`;

  const times = events.map((e) => new Date(e.occurredAt).getTime()).sort((a, b) => a - b);
  const format = (ms: number) =>
    new Intl.DateTimeFormat('en-US', { timeZone, ...SECONDS }).format(ms);
  const when = !times.length
    ? ''
    : times[0] === times[times.length - 1]
      ? format(times[0])
      : `from ${format(times[0])} to ${format(times[times.length - 1])}`;

  return { who: who || 'no host or address in the selected events', what, when };
}

/** The description the new-incident form starts with: the house's Who/What/When prompt, filled. */
export function prefillDescription(prefill: EventPrefill): string {
  return `**Who:** ${prefill.who}\n\n**What:** ${prefill.what}\n\n**When:** ${prefill.when}\n\n**References:** the events copied into this incident\n`;
}

import { describe, expect, it } from 'vitest';
import { prefillDescription, prefillFromEvents } from '@/lib/incidents/prefill-from-events';

const event = (
  at: string,
  hostname: string | null,
  source_ip: string | null,
  dest_ip: string | null = null,
) => ({
  occurredAt: new Date(at),
  hostname,
  source_ip,
  dest_ip,
});

describe('the new-incident form filled from selected events', () => {
  it('names the hosts and addresses once each, the query and count, and the first and last time', () => {
    const prefill = prefillFromEvents(
      [
        event('2026-11-28T20:05:09Z', 'SRV-FIN-01', '10.0.0.7', '10.0.0.1'),
        event('2026-11-28T20:01:00Z', 'srv-fin-01', '10.0.0.7'),
        event('2026-11-28T21:30:00Z', 'ws-0042', null, '10.0.0.1'),
      ],
      { query: ' event_id:4625 AND hostname:srv* ' },
      57,
      'America/Chicago',
    );
    expect(prefill).toEqual({
      who: 'hosts SRV-FIN-01, ws-0042; addresses 10.0.0.1, 10.0.0.7',
      what: 'Events matching `event_id:4625 AND hostname:srv*`: 57 events matched, 3 events selected.',
      when: 'from Nov 28, 2026, 14:01:00 CST to Nov 28, 2026, 15:30:00 CST',
    });
    expect(prefillDescription(prefill)).toContain(
      '**Who:** hosts SRV-FIN-01, ws-0042; addresses 10.0.0.1, 10.0.0.7',
    );
  });

  it('says so when the events name no host, and gives one time for one event', () => {
    expect(
      prefillFromEvents([event('2026-11-28T20:05:09Z', null, null)], { query: '' }, 1),
    ).toEqual({
      who: 'no host or address in the selected events',
      what: 'All events in the range: 1 event matched, 1 event selected.',
      when: 'Nov 28, 2026, 20:05:09 UTC',
    });
  });

  it('summarises long lists of hosts', () => {
    const many = Array.from({ length: 13 }, (_, i) =>
      event('2026-11-28T20:00:00Z', `host-${String(i).padStart(2, '0')}`, null),
    );
    expect(prefillFromEvents(many, { query: 'x' }, 13).who).toBe(
      'hosts host-00, host-01, host-02, host-03, host-04, host-05, host-06, host-07, host-08, host-09 and 3 more',
    );
  });
});

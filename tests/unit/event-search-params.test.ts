import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import {
  parseEventSearchParams,
  serializeEventSearchParams,
  type EventSearchParams,
} from '@/lib/events/search-params';
import { eventsSearchUrl } from '@/lib/events/search-url';

// The Events page's URL: presets, absolute links (what evidence links write) and the custom
// range typed in the viewer's own zone.

const now = new Date('2026-12-01T15:00:00Z');
const parse = (query: string, timeZone = 'America/Chicago', strict = false) =>
  parseEventSearchParams(new URLSearchParams(query), { timeZone, now, strict });
function refusal(query: string, strict = false): Record<string, string> {
  try {
    parse(query, 'UTC', strict);
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error(`accepted ${query}`);
}

describe('event search parameters', () => {
  it('defaults to the last 24 hours, ending now', () => {
    const params = parse('');
    expect(params.preset).toBe('24h');
    expect(params.range).toEqual({ from: new Date('2026-11-30T15:00:00Z'), to: now });
    expect(params.query).toEqual({ type: 'all' });
    expect(params.limit).toBe(50);
  });

  it('reads a preset', () => {
    expect(parse('range=1h').range.from).toEqual(new Date('2026-12-01T14:00:00Z'));
    expect(parse('range=30d').range.from).toEqual(new Date('2026-11-01T15:00:00Z'));
  });

  it('reads back the absolute form evidence links write', () => {
    const link = eventsSearchUrl({
      query: '',
      from: new Date('2026-03-01T06:00:00Z'),
      to: new Date('2026-04-01T05:00:00Z'),
    });
    const params = parse(link.split('?')[1]);
    expect(params.preset).toBeNull();
    expect(params.range).toEqual({
      from: new Date('2026-03-01T06:00:00Z'),
      to: new Date('2026-04-01T05:00:00Z'),
    });
  });

  it("reads the custom range's wall-clock times in the viewer's zone", () => {
    const params = parse('from=2026-11-28T08:00&to=2026-11-28T17:30', 'America/Chicago');
    expect(params.range).toEqual({
      from: new Date('2026-11-28T14:00:00Z'),
      to: new Date('2026-11-28T23:30:00Z'),
    });
  });

  it('reads the evidence link of any review window, up to the annual review of a leap year', () => {
    // Review evidence covers a whole period (lib/schedules/review-window.ts): quarters reach 92
    // days and a year 366; the task's link to its events must open, not answer 400.
    const link = eventsSearchUrl({
      query: 'event_id:4720',
      from: new Date('2028-01-01T06:00:00Z'),
      to: new Date('2029-01-01T06:00:00Z'),
    });
    const params = parse(link.slice(link.indexOf('?') + 1), 'America/Chicago');
    expect(params.range).toEqual({
      from: new Date('2028-01-01T06:00:00Z'),
      to: new Date('2029-01-01T06:00:00Z'),
    });
    expect(refusal('from=2028-01-01T00:00Z&to=2029-01-02T00:00Z')).toHaveProperty('to');
  });

  it('refuses what it cannot read, naming the parameter', () => {
    expect(refusal('range=1y')).toHaveProperty('range');
    expect(refusal('from=soon&to=2026-11-28T17:30Z')).toHaveProperty('from');
    expect(refusal('to=2026-11-28T17:30Z')).toHaveProperty('from');
    expect(refusal('from=2026-11-28T17:30Z&to=2026-11-28T17:30Z')).toHaveProperty('to');
    expect(refusal('range=7d&from=2026-11-28T00:00Z')).toHaveProperty('range');
    expect(refusal('limit=5000')).toHaveProperty('limit');
    expect(refusal(`q=${'a'.repeat(4001)}`)).toHaveProperty('q');
    expect(refusal('severity=high', true)).toHaveProperty('severity');
  });

  it('writes a URL that reads back as the same search', () => {
    for (const query of ['', 'range=7d', 'from=2026-11-28T08:00Z&to=2026-11-29T08:00Z']) {
      const params: EventSearchParams = parse(query);
      const again = parse(serializeEventSearchParams(params).toString());
      expect(again.range).toEqual(params.range);
      expect(again.preset).toEqual(params.preset);
    }
  });
});

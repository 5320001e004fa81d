import { describe, expect, it } from 'vitest';
import { latestDigestSlot } from '@/lib/notifications/digest-slot';

describe('latest digest slot', () => {
  it('is today at the hour once it has passed, else yesterday, in the user zone', () => {
    const now = new Date('2026-04-14T14:30:00Z'); // 09:30 in Chicago (CDT), 23:30 in Tokyo
    expect(latestDigestSlot(now, 'America/Chicago', 8).toISOString()).toBe(
      '2026-04-14T13:00:00.000Z',
    );
    expect(latestDigestSlot(now, 'America/Chicago', 10).toISOString()).toBe(
      '2026-04-13T15:00:00.000Z',
    );
    expect(latestDigestSlot(now, 'Asia/Tokyo', 8).toISOString()).toBe('2026-04-13T23:00:00.000Z');
    expect(latestDigestSlot(now, 'UTC', 14).toISOString()).toBe('2026-04-14T14:00:00.000Z');
  });

  it('keeps the local hour across a DST change', () => {
    // US DST began 2026-03-08: 08:00 Chicago is 14:00Z before and 13:00Z after.
    expect(
      latestDigestSlot(new Date('2026-03-07T20:00:00Z'), 'America/Chicago', 8).toISOString(),
    ).toBe('2026-03-07T14:00:00.000Z');
    expect(
      latestDigestSlot(new Date('2026-03-08T20:00:00Z'), 'America/Chicago', 8).toISOString(),
    ).toBe('2026-03-08T13:00:00.000Z');
  });
});

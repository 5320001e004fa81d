import { describe, expect, it } from 'vitest';
import { sessionEndedMessage, sessionEndedQuery } from '@/lib/auth/session-ended-message';
import { sessionEndAt } from '@/lib/auth/session-limits';

// The idle timeout and absolute lifetime, decided from the times the session cookie carries.

const MINUTE = 60_000;
const limits = { idleMinutes: 30, maxHours: 12 };
const t0 = Date.UTC(2026, 0, 5, 9, 0);

describe('sessionEndAt', () => {
  it('keeps a session within both limits', () => {
    expect(sessionEndAt({ signedInAt: t0, lastSeenAt: t0 }, limits, t0 + 29 * MINUTE)).toBeNull();
    // Active all day: each request moved lastSeenAt on.
    const lastSeenAt = t0 + 11 * 60 * MINUTE;
    expect(sessionEndAt({ signedInAt: t0, lastSeenAt }, limits, lastSeenAt + MINUTE)).toBeNull();
  });

  it('ends a session idle for the timeout', () => {
    expect(sessionEndAt({ signedInAt: t0, lastSeenAt: t0 }, limits, t0 + 30 * MINUTE)).toEqual({
      reason: 'idle',
      minutes: 30,
    });
  });

  it('ends a session at its absolute lifetime, however active', () => {
    const now = t0 + 12 * 60 * MINUTE;
    expect(sessionEndAt({ signedInAt: t0, lastSeenAt: now - 1000 }, limits, now)).toEqual({
      reason: 'absolute',
      hours: 12,
    });
  });
});

describe('the sign-in page’s message', () => {
  it('says which limit ended the session, from the numbers alone', () => {
    const idle = sessionEndedQuery({ reason: 'idle', minutes: 45 });
    expect(sessionEndedMessage(idle.ended, idle.after)).toBe(
      'Your session ended after 45 minutes without activity. Sign in again.',
    );
    const absolute = sessionEndedQuery({ reason: 'absolute', hours: 1 });
    expect(sessionEndedMessage(absolute.ended, absolute.after)).toBe(
      'Your session ended 1 hour after you signed in. Sign in again.',
    );
  });

  it('says nothing for a crafted query', () => {
    expect(sessionEndedMessage('idle', '<b>30</b>')).toBeNull();
    expect(sessionEndedMessage('idle', '0')).toBeNull();
    expect(sessionEndedMessage('other', '30')).toBeNull();
    expect(sessionEndedMessage(undefined, undefined)).toBeNull();
  });
});

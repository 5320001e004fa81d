import { describe, expect, it } from 'vitest';
import { intervalInWords, ruleInWords } from '@/lib/triggers/describe';
import { TRIGGER_EXAMPLES } from '@/lib/triggers/examples';
import { checkEventQuery } from '@/lib/events/query/check';
import { isSettled, nextRunAt, startOfMinute, windowFrom } from '@/lib/triggers/windows';

describe('trigger windows', () => {
  it('start on whole minutes and are evaluated a minute after they end', () => {
    const start = startOfMinute(new Date('2026-12-01T10:02:37.500Z'));
    expect(start).toEqual(new Date('2026-12-01T10:02:00Z'));
    const window = windowFrom(start, 5);
    expect(window).toEqual({
      from: new Date('2026-12-01T10:02:00Z'),
      to: new Date('2026-12-01T10:07:00Z'),
    });
    expect(nextRunAt(start, 5)).toEqual(new Date('2026-12-01T10:08:00Z'));
    expect(isSettled(window, new Date('2026-12-01T10:07:59Z'))).toBe(false);
    expect(isSettled(window, new Date('2026-12-01T10:08:00Z'))).toBe(true);
  });

  it('read as words', () => {
    expect(intervalInWords(1)).toBe('1 minute');
    expect(intervalInWords(90)).toBe('1 hour 30 minutes');
    expect(intervalInWords(10_080)).toBe('7 days');
    expect(ruleInWords({ threshold: 10, intervalMinutes: 5, severity: 'medium' })).toBe(
      '10 or more events in 5 minutes opens a Medium incident',
    );
    expect(ruleInWords({ threshold: 1, intervalMinutes: 15, severity: 'high' })).toBe(
      'Any event in 15 minutes opens a High incident',
    );
  });

  it('every example has a unique key and a query the language accepts', () => {
    expect(new Set(TRIGGER_EXAMPLES.map((e) => e.key)).size).toBe(TRIGGER_EXAMPLES.length);
    for (const example of TRIGGER_EXAMPLES) expect(checkEventQuery(example.query).ok).toBe(true);
  });
});

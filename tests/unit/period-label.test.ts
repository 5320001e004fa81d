import { describe, expect, it } from 'vitest';
import { periodKeyLabel } from '@/lib/schedules/period-label';

describe('periodKeyLabel', () => {
  it.each([
    ['day:2026-03-08', '8 March 2026'],
    ['week:2026-03-02', 'week of 2 March 2026'],
    ['month:2026-03', 'March 2026'],
    ['quarter:2026-Q1', 'Q1 2026'],
    ['half:2026-H2', 'H2 2026'],
    ['year:2026', '2026'],
    // A period an older Vigil doubled keeps both tasks; the second is named as such.
    ['month:2026-03#2010', 'March 2026 (second task, TASK-2010)'],
    ['something-else', 'something-else'],
  ])('names %s as "%s"', (key, label) => {
    expect(periodKeyLabel(key)).toBe(label);
  });
});

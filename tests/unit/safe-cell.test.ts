import { describe, expect, it } from 'vitest';
import { safeCell } from '@/lib/csv/safe-cell';

describe('safeCell', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://evil","x")'])(
    'neutralises %j',
    (value) => {
      expect(safeCell(value)).toBe(`'${value}`);
    },
  );

  it.each(['Phishing on host 10.0.0.1', 'a=b', ' =1', '', "'quoted"])(
    'leaves %j as it is',
    (value) => {
      expect(safeCell(value)).toBe(value);
    },
  );

  it('turns null and undefined into an empty cell', () => {
    expect(safeCell(null)).toBe('');
    expect(safeCell(undefined)).toBe('');
  });
});

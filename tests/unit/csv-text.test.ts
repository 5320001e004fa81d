import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvDocument, csvLines } from '@/lib/csv/csv-text';

// Formula neutralisation is csv-stringify's escape_formulas (6.9): the cases safeCell covered,
// read back through a real parser so quoting and the apostrophe are checked together.

const cellOf = (value: string | number | null | undefined) =>
  (parse(csvLines([[value, 'end']])) as string[][])[0][0];

describe('csvLines', () => {
  it.each([
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '=HYPERLINK("http://evil","x")',
    "=cmd|' /C calc'!A0",
    // Full-width signs, which Apple Numbers folds to =, +, - and @.
    '＝1+1',
    '＋1',
    '－1',
    '＠SUM(A1)',
  ])('neutralises %j with a leading apostrophe', (value) => {
    expect(cellOf(value)).toBe(`'${value}`);
  });

  it.each(['Phishing on host 10.0.0.1', 'a=b', ' =1', "'quoted", '2026-12-01 14:05:00'])(
    'leaves %j as it is',
    (value) => {
      expect(cellOf(value)).toBe(value);
    },
  );

  it('leaves a negative number a number: it is no formula', () => {
    expect(cellOf(-5)).toBe('-5');
    expect(cellOf('-5')).toBe("'-5");
  });

  it('turns null and undefined into an empty cell', () => {
    expect(cellOf(null)).toBe('');
    expect(cellOf(undefined)).toBe('');
  });

  it('keeps commas, quotes and line breaks inside a cell, and neutralises what follows a quote', () => {
    const value = '=A1, "quoted"\r\nnext line';
    expect(cellOf(value)).toBe(`'${value}`);
    expect(csvLines([[value]])).toBe(`"'=A1, ""quoted""\r\nnext line"\n`);
  });
});

describe('csvDocument', () => {
  it('starts with a byte-order mark, then the header and the rows', () => {
    const text = csvDocument(['ID', 'Name'], [['1', '=x']]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe("ID,Name\n1,'=x\n");
  });
});

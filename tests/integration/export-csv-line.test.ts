import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { csvLine, csvPlainCell, csvTextCell } from '@/lib/tickets/export-csv-line';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The incident and task exports write their records in PostgreSQL: each must be exactly
// what csv-stringify writes with escape_formulas, the one rule every other CSV follows.

const CELLS: (string | null)[] = [
  null,
  '',
  'plain words',
  '=HYPERLINK("http://evil.example","click")',
  '+1 linked',
  '-2',
  '@mention',
  '\tTabbed',
  '\rReturned',
  '\uFF1Dfull-width equals',
  '\uFF0B\uFF0D\uFF20',
  'comma, inside',
  'a "quoted" word',
  'line one\nline two',
  'windows\r\nlines',
  "apostrophe's",
  'back\\slash',
  'Dana Whitfield; Sara Lopez',
  'trailing =',
  ' =leading space',
  'ünïcödé — 日本語',
];

describe('export CSV records made by PostgreSQL', () => {
  let test: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
  });
  afterAll(() => test?.drop());

  it('writes each free-text cell as csv-stringify with escape_formulas does', async () => {
    const rows = await db.execute<{ line: string }>(
      sql`select ${csvLine([csvTextCell(sql`v.cell`), csvPlainCell(sql`'INC-1042'`)])} as line
        from unnest(${sql.param(CELLS)}::text[]) with ordinality as v(cell, n) order by n`,
    );
    expect(rows.map((r) => r.line)).toEqual(
      CELLS.map((cell) => stringify([[cell, 'INC-1042']], { escape_formulas: true })),
    );
  });

  it('writes an empty plain cell for null', async () => {
    const [row] = await db.execute<{ line: string }>(
      sql`select ${csvLine([csvPlainCell(sql`null::text`), csvPlainCell(sql`'x'`)])} as line`,
    );
    expect(row.line).toBe(',x\n');
  });
});

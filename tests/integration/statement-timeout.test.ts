import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { getExportDb } from '@/lib/exports/export-db';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// A query of the web process that runs away (a pathological filter, a lock wait) is
// cancelled by PostgreSQL after VIGIL_STATEMENT_TIMEOUT_MS (15 s unless set) instead of
// holding its connection, and with it a share of everyone's requests, for minutes. Exports
// draw on their own pool with a limit of their own per statement (one batch of rows).

process.env.VIGIL_STATEMENT_TIMEOUT_MS = '300';
setUpAppTestDatabase();

const codeOf = async (work: Promise<unknown>) =>
  work.then(
    () => 'finished',
    (error: { code?: string; cause?: { code?: string } }) => error.cause?.code ?? error.code,
  );

describe('statement timeouts', () => {
  it('cancel an interactive query that runs past the limit', async () => {
    const [row] = await getDb().execute<{ limit: string }>(
      sql`select current_setting('statement_timeout') as limit`,
    );
    expect(row.limit).toBe('300ms');
    // 57014: query_canceled, "canceling statement due to statement timeout".
    expect(await codeOf(getDb().execute(sql`select pg_sleep(2)`))).toBe('57014');
    // The connection is fine afterwards.
    expect(await getDb().execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('leave exports their own, longer limit', async () => {
    const [row] = await getExportDb().execute<{ limit: string }>(
      sql`select current_setting('statement_timeout') as limit`,
    );
    expect(row.limit).toBe('5min');
    expect(await codeOf(getExportDb().execute(sql`select pg_sleep(0.5)`))).toBe('finished');
  });
});

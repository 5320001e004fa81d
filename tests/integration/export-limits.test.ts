import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as incidentsExport } from '@/app/api/v1/incidents/export.csv/route';
import { GET as tasksExport } from '@/app/api/v1/tasks/export.csv/route';
import { users } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { routeCaller, type Handler } from '../support/api-fixtures';
import { setUpAppTestDatabase } from '../support/test-database-hooks';

// Exports under load (issue 13): each user runs at most two at once (the third is a 429
// with Retry-After), exports draw on their own pool (one connection here), and an export
// whose reader stops reading is ended after the idle timeout, its connection given back.

process.env.VIGIL_EXPORT_POOL = '1';
process.env.VIGIL_EXPORT_IDLE_SECONDS = '1';

const tokens: string[] = [];
const test = setUpAppTestDatabase(async ({ db }) => {
  await db.execute(sql`
    insert into incidents (title, description, response_due_at)
    select 'Exported ' || n, repeat('x', 5000), now() + interval '1 day'
      from generate_series(1, 100) as n`);
  for (const n of [1, 2, 3]) {
    const [user] = await db
      .insert(users)
      .values({ email: `exporter-${n}@example.com`, name: `Exporter ${n}`, role: 'read_only' })
      .returning();
    tokens.push(
      (await createApiToken(db, systemActor('test'), { userId: user.id, name: 'exports' })).token,
    );
  }
});

const call = routeCaller(() => tokens[0]);
const open: Response[] = [];
const start = async (handler: Handler, path: string, token: string) => {
  const response = await call(handler, 'GET', path, { token });
  open.push(response);
  return response;
};
afterAll(async () => {
  await Promise.all(open.map((r) => r.body?.cancel().catch(() => {})));
});

async function readAllWithin(response: Response, ms: number): Promise<number> {
  const reader = response.body!.getReader();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not read within ${ms} ms`)), ms);
  });
  let bytes = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late]);
      if (next.done) return bytes;
      bytes += next.value.byteLength;
    }
  } finally {
    clearTimeout(timer);
  }
}

describe('exports under load', () => {
  it('lets one user run two exports at once and answers the third 429 with Retry-After', async () => {
    const first = await start(incidentsExport, '/api/v1/incidents/export.csv', tokens[0]);
    const second = await start(tasksExport, '/api/v1/tasks/export.csv', tokens[0]);
    expect([first.status, second.status]).toEqual([200, 200]);

    const third = await start(incidentsExport, '/api/v1/incidents/export.csv', tokens[0]);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(third.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = (await third.json()) as { detail: string };
    expect(problem.detail).toMatch(/2 exports/);

    // Another user is not held back by the first one's exports.
    const other = await start(incidentsExport, '/api/v1/incidents/export.csv', tokens[1]);
    expect(other.status).toBe(200);

    // A finished (here: abandoned) export frees its place at once.
    await first.body!.cancel();
    await other.body!.cancel();
    const again = await start(incidentsExport, '/api/v1/incidents/export.csv', tokens[0]);
    expect(again.status).toBe(200);
    await again.body!.cancel();
    await second.body!.cancel();
  });

  it('ends an export whose reader stopped and gives its connection to the next', async () => {
    const stalled = await start(incidentsExport, '/api/v1/incidents/export.csv', tokens[2]);
    const reader = stalled.body!.getReader();
    const head = await reader.read(); // the BOM and header row, then nothing more is read
    expect(head.done).toBe(false);

    // The export pool has one connection, held by the stalled export until its idle
    // timeout (1 s) ends it; only then can this one run, and it runs to the end.
    const started = performance.now();
    const next = await start(incidentsExport, '/api/v1/incidents/export.csv', tokens[1]);
    expect(next.status).toBe(200);
    expect(await readAllWithin(next, 15_000)).toBeGreaterThan(100 * 5000);
    expect(performance.now() - started).toBeGreaterThan(900);

    await expect(reader.read()).rejects.toThrow(/stopped reading/);
    const [row] = await test.db.execute<{ exports: number }>(
      sql`select count(*)::int as exports from pg_stat_activity
           where application_name = 'vigil-export' and state <> 'idle'`,
    );
    expect(row.exports).toBe(0);
  });
});

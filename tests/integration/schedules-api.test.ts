import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { users, type Role } from '@/db/schema';
import * as oneRoute from '@/app/api/v1/schedules/[id]/route';
import { GET as getPeriodsCsv } from '@/app/api/v1/schedules/[id]/periods.csv/route';
import { GET as getExport } from '@/app/api/v1/schedules/export.csv/route';
import { GET as getList, POST as postSchedule } from '@/app/api/v1/schedules/route';
import { GET as getLibrary } from '@/app/api/v1/library/route';
import { POST as postCopy } from '@/app/api/v1/library/copy/route';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { parseCsv } from '../support/csv';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The route handlers called as Next.js calls them, with getDb() pointed at this file's database.
const globalForDb = globalThis as unknown as { vigilDb?: Db & { close(): Promise<void> } };
let test: TestDatabase;
const tokens = {} as Record<Role, string>;
const ids = {} as Record<Role, string>;

beforeAll(async () => {
  test = await createTestDatabase();
  await globalForDb.vigilDb?.close();
  globalForDb.vigilDb = undefined;
  process.env.DATABASE_URL = test.url;
  for (const role of ['admin', 'power_user', 'user', 'read_only'] as const) {
    const [user] = await test.db
      .insert(users)
      .values({
        email: `schedules-api-${role}@example.com`,
        name: `${role} person`,
        role,
        timeZone: 'America/Chicago',
      })
      .returning();
    ids[role] = user.id;
    tokens[role] = (
      await createApiToken(test.db, systemActor('test'), { userId: user.id, name: role })
    ).token;
  }
});
afterAll(async () => {
  await globalForDb.vigilDb?.close();
  globalForDb.vigilDb = undefined;
  await test?.drop();
});

type Handler = (
  request: Request,
  context: { params: Promise<{ id: string }> },
) => Promise<Response>;
async function call(
  handler: unknown,
  method: string,
  path: string,
  options: { role?: Role; body?: unknown; query?: string; id?: string } = {},
) {
  const headers = new Headers({ authorization: `Bearer ${tokens[options.role ?? 'power_user']}` });
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body) headers.set('content-type', 'application/json');
  const request = new Request(
    `http://vigil.test${path}${options.query ? `?${options.query}` : ''}`,
    { method, headers, body },
  );
  return (handler as Handler)(request, { params: Promise.resolve({ id: options.id ?? '' }) });
}

const valid = {
  name: 'User Account Created',
  owner: '',
  pattern: { kind: 'monthly-day', day: 1 },
  timeOfDay: '08:00',
  timeZone: 'America/Chicago',
  startDate: '2026-03-01',
  dueInDays: 4,
  tags: ['User Account created', 'user account enabled'],
  groupName: 'Access',
};

describe('schedules API', () => {
  it('creates, reads, lists, patches and exports a schedule', async () => {
    const created = await call(postSchedule, 'POST', '/api/v1/schedules', {
      body: { ...valid, owner: `user:${ids.user}` },
    });
    expect(created.status).toBe(201);
    const schedule = await created.json();
    expect(schedule).toMatchObject({
      recurrence: 'Every month on day 1 at 08:00, America/Chicago',
      tags: ['user account created', 'user account enabled'],
      version: 1,
    });

    const shown = await (
      await call(oneRoute.GET, 'GET', `/api/v1/schedules/${schedule.id}`, {
        role: 'read_only',
        id: schedule.id,
      })
    ).json();
    expect(shown.nextOccurrences).toHaveLength(5);
    expect(shown.record).toEqual({
      'on-time': 0,
      late: 0,
      overdue: 0,
      open: 0,
      invalid: 0,
      missed: 0,
    });

    const listed = await (
      await call(getList, 'GET', '/api/v1/schedules', {
        role: 'user',
        query: 'tag=user+account+created&status=active',
      })
    ).json();
    expect(listed.data.map((s: { id: string }) => s.id)).toEqual([schedule.id]);

    const patched = await call(oneRoute.PATCH, 'PATCH', `/api/v1/schedules/${schedule.id}`, {
      id: schedule.id,
      body: {
        version: 1,
        active: false,
        pattern: { kind: 'monthly-weekday', ordinal: -1, weekday: 'FR' },
      },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      active: false,
      recurrence: 'Every month on the last Friday at 08:00, America/Chicago',
      version: 2,
    });
    const stale = await call(oneRoute.PATCH, 'PATCH', `/api/v1/schedules/${schedule.id}`, {
      id: schedule.id,
      body: { version: 1, name: 'x' },
    });
    expect(stale.status).toBe(409);

    await call(postSchedule, 'POST', '/api/v1/schedules', {
      body: { ...valid, name: '=HYPERLINK("http://evil")' },
    });
    const csv = await call(getExport, 'GET', '/api/v1/schedules/export.csv', { role: 'read_only' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    expect(rows[0]).toContain('Recurrence');
    const names = rows.slice(1).map((r) => r[1]);
    expect(names).toContain(`'=HYPERLINK("http://evil")`);
    expect(rows.find((r) => r[1] === 'User Account Created')?.[4]).toBe(
      'Every month on the last Friday at 08:00, America/Chicago',
    );
  });

  it('answers bad input with 400 and a message per field, and refuses users without schedules.manage', async () => {
    const bad = await call(postSchedule, 'POST', '/api/v1/schedules', {
      body: {
        ...valid,
        pattern: { kind: 'weekly', weekdays: ['XX'] },
        timeZone: 'Mars/Base',
        dueInDays: 400,
        endDate: '2026-01-01',
      },
    });
    expect(bad.status).toBe(400);
    const { fields } = await bad.json();
    expect(Object.keys(fields).sort()).toEqual(
      ['dueInDays', 'pattern.weekdays.0', 'timeZone'].sort(),
    );
    const before = await call(postSchedule, 'POST', '/api/v1/schedules', {
      body: { ...valid, endDate: '2026-01-01' },
    });
    expect(before.status).toBe(400);
    expect(Object.keys((await before.json()).fields)).toEqual(['endDate']);
    expect(
      (await call(postSchedule, 'POST', '/api/v1/schedules', { role: 'user', body: valid })).status,
    ).toBe(403);
  });

  it('refuses a recurrence that would never occur, on create and on edit, with the field and nothing written', async () => {
    const never =
      'This schedule would never create a task: its first occurrence, 1 March 2027, is after its end date.';
    const refused = await call(postSchedule, 'POST', '/api/v1/schedules', {
      body: { ...valid, name: 'Never', startDate: '2027-02-02', endDate: '2027-02-28' },
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).fields).toEqual({ endDate: never });
    const listed = await (
      await call(getList, 'GET', '/api/v1/schedules', { role: 'read_only' })
    ).json();
    expect(listed.data.map((s: { name: string }) => s.name)).not.toContain('Never');

    const schedule = await (
      await call(postSchedule, 'POST', '/api/v1/schedules', {
        body: { ...valid, name: 'Ends soon', startDate: '2027-02-02' },
      })
    ).json();
    const edit = await call(oneRoute.PATCH, 'PATCH', `/api/v1/schedules/${schedule.id}`, {
      id: schedule.id,
      body: { version: 1, endDate: '2027-02-28' },
    });
    expect(edit.status).toBe(400);
    expect((await edit.json()).fields).toEqual({ endDate: never });
    const shown = await (
      await call(oneRoute.GET, 'GET', `/api/v1/schedules/${schedule.id}`, {
        role: 'read_only',
        id: schedule.id,
      })
    ).json();
    expect(shown).toMatchObject({ version: 1, endDate: null });
  });

  it('refuses a stale pause or resume with 409 and leaves the schedule as it was', async () => {
    const schedule = await (
      await call(postSchedule, 'POST', '/api/v1/schedules', {
        body: { ...valid, name: 'Pause race' },
      })
    ).json();
    const path = `/api/v1/schedules/${schedule.id}`;
    const renamed = await call(oneRoute.PATCH, 'PATCH', path, {
      id: schedule.id,
      body: { version: 1, name: 'Pause race, renamed' },
    });
    expect(renamed.status).toBe(200);
    const before = await (
      await call(oneRoute.GET, 'GET', path, { role: 'read_only', id: schedule.id })
    ).json();
    const stalePause = await call(oneRoute.PATCH, 'PATCH', path, {
      id: schedule.id,
      body: { version: 1, active: false },
    });
    expect(stalePause.status).toBe(409);
    expect(
      await (await call(oneRoute.GET, 'GET', path, { role: 'read_only', id: schedule.id })).json(),
    ).toEqual(before);

    const paused = await (
      await call(oneRoute.PATCH, 'PATCH', path, {
        id: schedule.id,
        body: { version: 2, active: false },
      })
    ).json();
    const staleResume = await call(oneRoute.PATCH, 'PATCH', path, {
      id: schedule.id,
      body: { version: 2, active: true },
    });
    expect(staleResume.status).toBe(409);
    expect(
      await (await call(oneRoute.GET, 'GET', path, { role: 'read_only', id: schedule.id })).json(),
    ).toEqual(paused);
  });

  it('asks for confirmation (400 on confirmPeriodChange) before an edit changes what a period is', async () => {
    const schedule = await (
      await call(postSchedule, 'POST', '/api/v1/schedules', {
        body: { ...valid, name: 'Monthly to weekly' },
      })
    ).json();
    const path = `/api/v1/schedules/${schedule.id}`;
    const weekly = { version: 1, pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] } };
    const refused = await call(oneRoute.PATCH, 'PATCH', path, { id: schedule.id, body: weekly });
    expect(refused.status).toBe(400);
    const { fields } = await refused.json();
    expect(Object.keys(fields)).toEqual(['confirmPeriodChange']);
    expect(fields.confirmPeriodChange).toMatch(
      /^Tasks will stand for a week instead of a month; the next task will be for week of \d+ \w+ \d{4}\. Save again to confirm\.$/,
    );
    const confirmed = await call(oneRoute.PATCH, 'PATCH', path, {
      id: schedule.id,
      body: { ...weekly, confirmPeriodChange: true },
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({
      version: 2,
      recurrence: 'Every week on Monday at 08:00, America/Chicago',
    });
  });

  it('lists the library and copies from it', async () => {
    const library = await (
      await call(getLibrary, 'GET', '/api/v1/library', {
        role: 'read_only',
        query: 'category=Resilience',
      })
    ).json();
    expect(library.data.length).toBeGreaterThan(0);
    expect(library.data.every((t: { category: string }) => t.category === 'Resilience')).toBe(true);
    const copied = await call(postCopy, 'POST', '/api/v1/library/copy', {
      body: { keys: ['backup-verification'], timeZone: 'UTC', active: false },
    });
    expect(copied.status).toBe(201);
    const body = await copied.json();
    expect(body.data[0]).toMatchObject({
      name: 'Backup job verification',
      templateKey: 'backup-verification',
      active: false,
    });
    expect(body.nextSteps.length).toBeGreaterThan(0);
    expect(
      (
        await call(postCopy, 'POST', '/api/v1/library/copy', {
          role: 'read_only',
          body: { keys: ['backup-verification'], timeZone: 'UTC' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('the periods CSV of one schedule', () => {
  it('gives an examiner the ledger, and 404 for a schedule that does not exist', async () => {
    const schedule = await (
      await call(postSchedule, 'POST', '/api/v1/schedules', {
        body: { ...valid, name: 'Periods export' },
      })
    ).json();
    const response = await call(
      getPeriodsCsv,
      'GET',
      `/api/v1/schedules/${schedule.id}/periods.csv`,
      { role: 'read_only', id: schedule.id },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(
      /vigil-schedule-periods-\d{8}-\d{4}\.csv/,
    );
    expect(parseCsv((await response.text()).replace(/^\uFEFF/, ''))[0][0]).toBe('Schedule ID');
    const missing = await call(
      getPeriodsCsv,
      'GET',
      '/api/v1/schedules/00000000-0000-4000-8000-000000000000/periods.csv',
      { role: 'read_only', id: '00000000-0000-4000-8000-000000000000' },
    );
    expect(missing.status).toBe(404);
  });
});

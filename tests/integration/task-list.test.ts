import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { tasks, type User, taskSchedules } from '@/db/schema';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { ValidationError } from '@/lib/errors';
import { changeTaskState } from '@/lib/tasks/change-state';
import {
  TASK_EXPORT_COLUMNS,
  streamTasksCsv,
  taskExportFileName,
  taskExportHeader,
} from '@/lib/tasks/export-csv';
import { countTasks, getTaskPage } from '@/lib/tasks/get-tasks';
import {
  parseTaskListParams,
  serializeTaskListParams,
  type TaskListViewer,
} from '@/lib/tasks/list-params';
import { parseCsv, readAll } from '../support/csv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertTeam, insertUser } from '../support/ticket-fixtures';

describe('task list and export', () => {
  let test: TestDatabase;
  let db: Db;
  let me: User;
  let other: User;
  let team: string;
  let viewer: TaskListViewer;
  const scheduleId = randomUUID();
  const DAY = 86_400_000;

  const paramsOf = (query: string) => parseTaskListParams(new URLSearchParams(query), viewer);
  async function listOf(query: string): Promise<string[]> {
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await getTaskPage(db, paramsOf(`${query}${cursor ? `&cursor=${cursor}` : ''}`), {
        limit: 3,
      });
      titles.push(...page.rows.map((r) => r.title));
      cursor = page.nextCursor;
    } while (cursor);
    return titles;
  }
  async function exportOf(query: string, zone = 'America/Chicago') {
    const raw = await readAll(streamTasksCsv(db, paramsOf(query), zone));
    const [header, ...rows] = parseCsv(raw.replace(/^\uFEFF/, ''));
    return { raw, header, rows };
  }

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
    team = await insertTeam(db, 'TRAC');
    me = await insertUser(db, 'user', {
      name: 'Justin Park',
      teamIds: [team],
      timeZone: 'America/Chicago',
    });
    other = await insertUser(db, 'user', { name: 'Sara Lopez' });
    viewer = await getListViewer(db, me);
    // tasks.schedule_id references task_schedules (the schedules migration): the schedule must exist.
    await db.insert(taskSchedules).values({
      id: scheduleId,
      name: 'Monthly review',
      pattern: { kind: 'monthly-day', day: 1 },
      timeOfDay: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
      rrule: 'DTSTART;TZID=UTC:20260101T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=1',
      dueInDays: 4,
    });
    const now = Date.now();
    const at = (days: number) => new Date(now + days * DAY);
    // Written straight into the table: states and timestamps the domain would not allow at once.
    await db.insert(tasks).values([
      { title: 'Mine overdue', ownerUserId: me.id, dueAt: at(-2), tags: ['access'] },
      {
        title: 'Team due soon',
        ownerTeamId: team,
        dueAt: at(1),
        tags: ['access', 'sox'],
        scheduleId,
        occurrenceAt: at(-3),
        periodKey: 'day:team-due-soon',
      },
      { title: 'Other later', ownerUserId: other.id, dueAt: at(10) },
      { title: 'Unassigned no due' },
      { title: '=HYPERLINK("http://evil")', ownerUserId: other.id, dueAt: at(-1) },
      {
        title: 'Closed late',
        ownerUserId: me.id,
        dueAt: at(-5),
        state: 'closed',
        findings: 'Done, late',
        closedAt: at(-1),
      },
      {
        title: 'Invalid one',
        state: 'invalid',
        invalidReason: 'Not ours',
        closedAt: at(-1),
        dueAt: at(-4),
      },
      ...Array.from({ length: 7 }, (_, i) => ({
        title: `Bulk ${i}`,
        dueAt: at(20),
        scheduleId,
        occurrenceAt: at(-10 - i),
        periodKey: `day:bulk-${i}`,
        tags: ['bulk'],
      })),
    ]);
  });
  afterAll(() => test?.drop());

  it('shows open tasks by default, soonest due first, no due date last, across keyset pages with ties', async () => {
    const titles = await listOf('');
    expect(titles.slice(0, 4)).toEqual([
      'Mine overdue',
      '=HYPERLINK("http://evil")',
      'Team due soon',
      'Other later',
    ]);
    expect(titles.slice(4, 11).every((t) => t.startsWith('Bulk'))).toBe(true);
    expect(titles.at(-1)).toBe('Unassigned no due');
    expect(titles).toHaveLength(12);
    expect(new Set(titles).size).toBe(12);
    const back = await getTaskPage(db, paramsOf(''), { limit: 3 });
    const second = await getTaskPage(db, paramsOf(`cursor=${back.nextCursor}`), { limit: 3 });
    const previous = await getTaskPage(db, paramsOf(`cursor=${second.prevCursor}`), { limit: 3 });
    expect(previous.rows.map((r) => r.id)).toEqual(back.rows.map((r) => r.id));
    expect(previous.prevCursor).toBeNull();
  });

  it('filters by state, owner, due range, overdue, schedule, tag and title', async () => {
    expect((await listOf('state=closed,invalid')).sort()).toEqual(['Closed late', 'Invalid one']);
    expect(await listOf('state=all')).toHaveLength(14);
    expect(await listOf('owner=me')).toEqual(['Mine overdue', 'Team due soon']);
    expect(await listOf('owner=unassigned&sort=-created')).toContain('Unassigned no due');
    expect(await listOf(`owner=user:${other.id}`)).toEqual([
      '=HYPERLINK("http://evil")',
      'Other later',
    ]);
    expect(await listOf(`owner=team:${team}`)).toEqual(['Team due soon']);
    expect(await listOf('overdue=true')).toEqual(['Mine overdue', '=HYPERLINK("http://evil")']);
    expect(await listOf('overdue=true&state=all')).toEqual([
      'Mine overdue',
      '=HYPERLINK("http://evil")',
    ]);
    const page = await getTaskPage(db, paramsOf('overdue=true'));
    expect(page.rows.every((r) => r.overdue)).toBe(true);
    expect(await listOf(`schedule=${scheduleId}`)).toHaveLength(8);
    expect(await listOf('tag=access')).toEqual(['Mine overdue', 'Team due soon']);
    expect(await listOf('tag=access&tag=SOX')).toEqual(['Team due soon']);
    expect(await listOf('q=later')).toEqual(['Other later']);
    expect(await listOf('q=%25')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    expect(await listOf(`dueFrom=${today}&dueTo=${soon}`)).toEqual(['Team due soon']);
    expect(await countTasks(db, paramsOf(`schedule=${scheduleId}`))).toEqual({
      count: 8,
      capped: false,
    });
  });

  it('refuses unknown values with a 400-style error naming the parameter, and writes the URL back', () => {
    for (const [query, field] of [
      ['state=done', 'state'],
      ['owner=bob', 'owner'],
      ['dueFrom=2026-02-30', 'dueFrom'],
      ['overdue=maybe', 'overdue'],
      ['schedule=nope', 'schedule'],
      ['sort=title', 'sort'],
      ['cursor=garbage', 'cursor'],
    ]) {
      let error: unknown;
      try {
        paramsOf(query);
      } catch (e) {
        error = e;
      }
      expect(error, query).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors).toHaveProperty(field);
    }
    const query = `state=closed&owner=me&dueFrom=2026-01-01&overdue=true&schedule=${scheduleId}&tag=a&tag=b&q=x&sort=-created`;
    expect(serializeTaskListParams(paramsOf(query)).toString()).toBe(
      new URLSearchParams(query).toString(),
    );
    expect(serializeTaskListParams(paramsOf('')).toString()).toBe('');
  });

  it('refuses a filter the task list does not have, as the incident list does, instead of ignoring it', () => {
    const fieldsRefused = (query: string) => {
      try {
        paramsOf(query);
        return [];
      } catch (e) {
        expect(e, query).toBeInstanceOf(ValidationError);
        return Object.keys((e as ValidationError).fieldErrors);
      }
    };
    expect(fieldsRefused('severity=high')).toEqual(['severity']);
    expect(fieldsRefused('createdBy=me&response=breached')).toEqual(['createdBy', 'response']);
    expect(fieldsRefused('sevrity=high&state=open')).toEqual(['sevrity']);
  });

  it('exports exactly what the list shows, in its order, with BOM, neutralised formulas and times in the viewer’s zone', async () => {
    for (const query of [
      '',
      'state=all',
      'owner=me',
      'overdue=true',
      'tag=bulk&sort=-created',
      `schedule=${scheduleId}`,
    ]) {
      const { rows } = await exportOf(query);
      const listed = await listOf(query);
      expect(
        rows.map((r) => r[1].replace(/^'/, '')),
        query,
      ).toEqual(listed);
    }
    const { raw, header, rows } = await exportOf('overdue=true');
    expect(raw.startsWith('\uFEFF')).toBe(true);
    expect(header).toEqual(taskExportHeader('America/Chicago'));
    expect(header).toEqual([
      'Number',
      'Title',
      'State',
      'Overdue',
      'Owner',
      'Due (America/Chicago)',
      'Closed (America/Chicago)',
      'Completed By',
      'Findings',
      'Invalid Reason',
      'Tags',
      'Schedule ID',
      'Occurrence (America/Chicago)',
      'Generated Late',
      'Watchers',
      'Policies',
      'Created (America/Chicago)',
      'Description',
    ]);
    const evil = rows.find((r) => r[1].includes('HYPERLINK'))!;
    expect(evil[1]).toBe(`'=HYPERLINK("http://evil")`);
    expect(evil[3]).toBe('Yes');
    expect(evil[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const scheduled = (await exportOf(`schedule=${scheduleId}`)).rows;
    expect(scheduled.length).toBeGreaterThan(0);
    expect(new Set(scheduled.map((r) => r[TASK_EXPORT_COLUMNS.indexOf('Schedule ID')]))).toEqual(
      new Set([scheduleId]),
    );
    expect(taskExportFileName(new Date('2026-11-28T20:05:00Z'), 'America/Chicago')).toBe(
      'vigil-tasks-20261128-1405.csv',
    );
  });

  it('holds who completed it and the findings, and times a date-detecting parser reads in the viewer’s zone', async () => {
    const [done, invalid, reopened] = await db
      .insert(tasks)
      .values([
        { title: 'Completed-by close', ownerUserId: me.id },
        { title: 'Completed-by invalid', ownerUserId: me.id },
        { title: 'Completed-by reopened', ownerUserId: me.id },
      ])
      .returning();
    await changeTaskState(db, actorOf(me), done.id, {
      version: done.version,
      transition: 'close',
      from: 'open',
      findings: 'Reviewed 42 accounts; two, =SUM(A1) and "x", revoked',
    });
    await changeTaskState(db, actorOf(other), invalid.id, {
      version: invalid.version,
      transition: 'mark-invalid',
      from: 'open',
      reason: 'Not ours',
    });
    const closed = await changeTaskState(db, actorOf(other), reopened.id, {
      version: reopened.version,
      transition: 'close',
      from: 'open',
      findings: 'Looked fine',
    });
    await changeTaskState(db, actorOf(me), reopened.id, {
      version: closed.version,
      transition: 'reopen',
      from: 'closed',
      reason: 'Missed one',
    });
    const { raw } = await exportOf('q=Completed-by&state=all');
    const records = parse(raw, {
      bom: true,
      columns: true,
      cast: true,
      cast_date: true,
    }) as Record<string, unknown>[];
    const byTitle = new Map(records.map((r) => [r.Title, r]));
    const row = (title: string) => byTitle.get(title)!;
    expect(row('Completed-by close')['Completed By']).toBe('Justin Park');
    expect(row('Completed-by close').Findings).toBe(
      'Reviewed 42 accounts; two, =SUM(A1) and "x", revoked',
    );
    expect(row('Completed-by invalid')['Completed By']).toBe('Sara Lopez');
    expect(row('Completed-by invalid')['Invalid Reason']).toBe('Not ours');
    expect(row('Completed-by reopened')['Completed By']).toBe('');
    expect(row('Completed-by reopened').Findings).toBe('');

    const [{ closedAt, createdAt }] = await db.$client<{ closedAt: string; createdAt: string }[]>`
      select to_char(closed_at at time zone 'America/Chicago', 'YYYY-MM-DD HH24:MI:SS') as "closedAt",
        to_char(created_at at time zone 'America/Chicago', 'YYYY-MM-DD HH24:MI:SS') as "createdAt"
      from tasks where id = ${done.id}`;
    const closedCell = row('Completed-by close')['Closed (America/Chicago)'];
    expect(closedCell).toBeInstanceOf(Date);
    expect(wallClock(closedCell as Date)).toBe(closedAt);
    expect(wallClock(row('Completed-by close')['Created (America/Chicago)'] as Date)).toBe(
      createdAt,
    );
    expect(raw).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
  });
});

const pad = (n: number) => String(n).padStart(2, '0');
/** A parsed date's wall clock: csv-parse (like a spreadsheet) reads a zone-less time as local. */
const wallClock = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

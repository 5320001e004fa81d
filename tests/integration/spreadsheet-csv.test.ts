import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { RRuleTemporal } from 'rrule-temporal';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { schedulePeriods, tasks, type User } from '@/db/schema';
import { activityCsv } from '@/lib/activity/activity-csv';
import { getActivity } from '@/lib/activity/get-activity';
import { systemActor } from '@/lib/auth/actor';
import { streamEventsCsv } from '@/lib/events/export-csv';
import { ingestEvents } from '@/lib/events/ingest';
import { parseEventSearchParams } from '@/lib/events/search-params';
import { getEventStore } from '@/lib/events/store';
import { createIncident } from '@/lib/incidents/create-incident';
import { updateIncident } from '@/lib/incidents/update-incident';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { schedulesCsv } from '@/lib/schedules/export-csv';
import { schedulePeriodsCsv } from '@/lib/schedules/export-periods-csv';
import { parseScheduleListParams } from '@/lib/schedules/list-params';
import { periodKeyFor } from '@/lib/schedules/period-key';
import { nextOccurrences } from '@/lib/schedules/recurrence';
import { createTask } from '@/lib/tasks/create-task';
import { streamTasksCsv } from '@/lib/tasks/export-csv';
import { parseTaskListParams } from '@/lib/tasks/list-params';
import { readAll } from '../support/csv';
import { setUpTestDatabase } from '../support/test-database-hooks';
import { actorOf, insertUser } from '../support/ticket-fixtures';

// Every CSV but the incident and task lists, read back as a spreadsheet reads it: a real parser
// with date detection (csv-parse's cast_date, Date.parse underneath) running in the viewer's
// zone, as Excel or LibreOffice on the viewer's machine does. A date-time column must come back
// as a date, and as the right instant; a "T" or an offset in the text would make it text in
// Gnumeric, so the text must be exactly "YYYY-MM-DD HH:MM:SS". Ids must join across files.

const ZONE = 'America/Chicago';
// Date.parse reads a time without an offset in the process's zone: make it the viewer's.
process.env.TZ = ZONE;

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NOW = new Date('2026-02-18T12:00:00Z');
const DAY = 86_400_000;
const system = systemActor('test');
const generator = systemActor('worker:schedules');

let db: Db;
let dana: User;
setUpTestDatabase(async (created) => {
  db = created.db;
  dana = await insertUser(db, 'admin', { name: 'Dana Spreadsheet', timeZone: ZONE });
});

type Sheet = { header: string[]; raw: string[][]; cells: Record<string, unknown>[] };

/** The file as a spreadsheet sees it: the text of each cell, and each cell as it was detected. */
function readAsSpreadsheet(text: string): Sheet {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...raw] = parse(text, { bom: true }) as string[][];
  const cells = parse(text, {
    bom: true,
    columns: true,
    cast: true,
    cast_date: true,
  }) as Record<string, unknown>[];
  return { header, raw, cells };
}

/** The instant as a spreadsheet keeps it: whole seconds. */
const toSecond = (value: Date | string) =>
  new Date(Math.floor(new Date(value).getTime() / 1000) * 1000);

/**
 * Every column whose header names the viewer's zone holds only "YYYY-MM-DD HH:MM:SS" (or
 * nothing) that the parser detects as a date; no other cell in the file has an ISO "T" time or
 * an offset. Returns the zoned columns' names.
 */
function expectSpreadsheetDates(sheet: Sheet): string[] {
  const zoned = sheet.header.filter((name) => name.endsWith(` (${ZONE})`));
  expect(zoned.length).toBeGreaterThan(0);
  for (const [i, row] of sheet.raw.entries()) {
    for (const name of zoned) {
      const text = row[sheet.header.indexOf(name)];
      if (text === '') continue;
      expect(text, name).toMatch(DATE_TIME);
      expect(sheet.cells[i][name], name).toBeInstanceOf(Date);
    }
    for (const text of row) expect(text).not.toMatch(/\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)\b/);
    for (const text of row) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
  }
  return zoned;
}

/** A date-time cell as the parser detected it. */
const at = (sheet: Sheet, row: number, column: string) =>
  sheet.cells[row][`${column} (${ZONE})`] as Date;

/** A column's text in every row (Date.parse would read "TASK-12" as a year: ids stay text). */
const column = (sheet: Sheet, name: string) => sheet.raw.map((r) => r[sheet.header.indexOf(name)]);

/** One new schedule exported alone, read as a spreadsheet reads it. */
async function exportSchedule(name: string) {
  const schedule = await createSchedule(db, system, {
    name,
    pattern: { kind: 'weekly', interval: 1, weekdays: ['MO', 'TH'] },
    timeOfDay: '08:00',
    timeZone: 'Europe/Berlin',
    startDate: '2026-01-05',
    endDate: '2027-06-30',
    dueInDays: 3,
  });
  const params = parseScheduleListParams(new URLSearchParams({ name: name.replace(/^=/, '') }), {
    userId: dana.id,
    teamIds: [],
  });
  const sheet = readAsSpreadsheet(await schedulesCsv(db, params, ZONE, NOW));
  expect(sheet.raw).toHaveLength(1);
  const cell = (column: string) => sheet.raw[0][sheet.header.indexOf(column)];
  return { schedule, sheet, cell };
}

describe('the schedules CSV', () => {
  it('has the id a task’s Schedule column joins on first, and dates a spreadsheet reads in the viewer’s zone', async () => {
    const name = `=Spreadsheet review ${randomUUID().slice(0, 8)}`;
    const { schedule, sheet, cell } = await exportSchedule(name);
    expect(sheet.header[0]).toBe('ID');
    expect(expectSpreadsheetDates(sheet).sort()).toEqual(
      [`Created (${ZONE})`, `Next occurrence (${ZONE})`, `Updated (${ZONE})`].sort(),
    );
    expect(cell('ID')).toBe(schedule.id);
    expect(cell('Name')).toBe(`'${name}`);

    const [next] = nextOccurrences(schedule.rrule, NOW, 1);
    expect(at(sheet, 0, 'Next occurrence')).toEqual(next);
    expect(at(sheet, 0, 'Created')).toEqual(toSecond(schedule.createdAt));
    expect(at(sheet, 0, 'Updated')).toEqual(toSecond(schedule.updatedAt));
    expect(cell('Start date')).toMatch(DATE);
    expect(cell('Start date')).toBe('2026-01-05');
    expect(cell('End date')).toBe('2027-06-30');

    // A task generated from it: the tasks CSV's Schedule column holds the same id.
    const periodKey = periodKeyFor(next, schedule.pattern, schedule.timeZone);
    await createTask(db, generator, {
      title: `${name} ${periodKey}`,
      scheduleId: schedule.id,
      occurrenceAt: next,
      periodKey,
      dueAt: new Date(next.getTime() + 3 * DAY),
    });
    const taskParams = parseTaskListParams(new URLSearchParams({ schedule: schedule.id }), {
      userId: dana.id,
      teamIds: [],
    });
    const taskSheet = readAsSpreadsheet(await readAll(streamTasksCsv(db, taskParams, ZONE)));
    expect(column(taskSheet, 'Schedule ID')).toEqual([cell('ID')]);
  });

  it('writes its recurrence as iCalendar text a recurrence parser reads as it stands', async () => {
    const { schedule, cell } = await exportSchedule(`Recurrence ${randomUUID().slice(0, 8)}`);
    // RFC 5545: content lines separated by CRLF (inside the quoted cell), each
    // NAME[;PARAM=VALUE]:VALUE of at most 75 octets, DTSTART first.
    const rrule = cell('RRULE');
    const lines = rrule.split('\r\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=[^;:\r\n]+)*:[^\r\n]+$/);
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
    expect(lines[0]).toBe('DTSTART;TZID=Europe/Berlin:20260105T080000');
    expect(lines[1]).toMatch(/^RRULE:FREQ=WEEKLY;/);
    // The parser finds the occurrences Vigil plans.
    const parsed = new RRuleTemporal({ rruleString: rrule });
    const fromText = parsed.all((_, i) => i < 6).map((d) => new Date(d.epochMilliseconds));
    expect(fromText).toEqual(nextOccurrences(schedule.rrule, new Date('2026-01-01T00:00:00Z'), 6));
  });
});

describe('the schedule periods CSV', () => {
  it('joins the schedules CSV by Schedule ID and the tasks CSV by Task, its times read as the right instants', async () => {
    const schedule = await createSchedule(db, system, {
      name: `Periods review ${randomUUID().slice(0, 8)}`,
      pattern: { kind: 'weekly', interval: 1, weekdays: ['MO'] },
      timeOfDay: '08:00',
      timeZone: ZONE,
      startDate: '2026-01-05',
      dueInDays: 3,
    });
    const first = new Date('2026-01-05T14:00:00Z');
    const second = new Date(first.getTime() + 7 * DAY);
    const closedAt = new Date(second.getTime() + DAY + 1234);
    const task = await db.transaction(async (tx) => {
      const periodKey = periodKeyFor(second, schedule.pattern, schedule.timeZone);
      const { task } = await createTask(tx, generator, {
        title: `${schedule.name} ${periodKey}`,
        scheduleId: schedule.id,
        occurrenceAt: second,
        periodKey,
        dueAt: new Date(second.getTime() + 3 * DAY),
      });
      await tx.update(tasks).set({ state: 'closed', closedAt }).where(eq(tasks.id, task.id));
      await tx.insert(schedulePeriods).values({
        scheduleId: schedule.id,
        periodKey,
        occurrenceAt: second,
        outcome: 'task',
        taskId: task.id,
        reason: '',
      });
      return task;
    });
    await db.insert(schedulePeriods).values({
      scheduleId: schedule.id,
      periodKey: periodKeyFor(first, schedule.pattern, schedule.timeZone),
      occurrenceAt: first,
      outcome: 'missed',
      reason: 'no worker was running',
    });
    const recorded = await db
      .select()
      .from(schedulePeriods)
      .where(eq(schedulePeriods.scheduleId, schedule.id));

    const sheet = readAsSpreadsheet((await schedulePeriodsCsv(db, schedule.id, ZONE, NOW))!);
    expect(expectSpreadsheetDates(sheet).sort()).toEqual(
      [`Closed (${ZONE})`, `Due (${ZONE})`, `Occurrence (${ZONE})`, `Recorded (${ZONE})`].sort(),
    );
    expect(sheet.header[0]).toBe('Schedule ID');
    expect(column(sheet, 'Schedule ID')).toEqual([schedule.id, schedule.id]);
    const byTask = column(sheet, 'Task').indexOf(`TASK-${task.number}`);
    const missed = column(sheet, 'Outcome').indexOf('Missed');
    expect([byTask, missed].sort()).toEqual([0, 1]);
    expect(at(sheet, byTask, 'Occurrence')).toEqual(second);
    expect(at(sheet, byTask, 'Due')).toEqual(task.dueAt);
    expect(at(sheet, byTask, 'Closed')).toEqual(toSecond(closedAt));
    expect(at(sheet, missed, 'Occurrence')).toEqual(first);
    expect(sheet.raw[missed][sheet.header.indexOf(`Due (${ZONE})`)]).toBe('');
    for (const [i, row] of [byTask, missed].entries()) {
      const period = recorded.find(
        (p) => p.occurrenceAt.getTime() === [second, first][i].getTime(),
      )!;
      expect(at(sheet, row, 'Recorded')).toEqual(toSecond(period.recordedAt));
    }
  });
});

describe('the activity CSV', () => {
  it('names its item by the number the incidents CSV joins on, each time (and changed time) read as the right instant', async () => {
    const actor = actorOf(dana);
    const { incident } = await createIncident(db, actor, {
      title: `Spreadsheet activity ${randomUUID().slice(0, 8)}`,
      severity: 'high',
    });
    const dueAt = '2026-03-06T23:00:00.000Z';
    await updateIncident(db, actor, incident.id, { version: incident.version, dueAt });
    const rows = await getActivity(db, {
      entityType: 'incident',
      entityId: incident.id,
      limit: 100,
    });
    const sheet = readAsSpreadsheet(await activityCsv(db, rows, ZONE));
    expect(expectSpreadsheetDates(sheet)).toEqual([`Time (${ZONE})`]);
    expect(sheet.header[0]).toBe('Item');
    expect(new Set(column(sheet, 'Item'))).toEqual(new Set([`INC-${incident.number}`]));
    const instants = new Set(rows.map((r) => toSecond(r.occurredAt).getTime()));
    for (const cell of sheet.cells)
      expect(instants).toContain((cell[`Time (${ZONE})`] as Date).getTime());
    const due = sheet.raw.find((r) => r[sheet.header.indexOf('Field')] === 'Due')!;
    const changed = due[sheet.header.indexOf('New')];
    expect(changed).toMatch(DATE_TIME);
    expect(new Date(Date.parse(changed))).toEqual(new Date(dueAt));
  });
});

describe('the events CSV', () => {
  it('writes each event’s time as the right instant in the viewer’s zone, beside its id', async () => {
    const host = `sheet-${randomUUID().slice(0, 8)}`;
    const times = [new Date(Date.now() - 3_600_000 - 456), new Date(Date.now() - 7_200_000)].map(
      (d) => d.toISOString(),
    );
    const result = await ingestEvents(
      db,
      system,
      times.map((t, i) => ({ '@timestamp': t, hostname: host, message: `Event ${i}` })),
      'api',
    );
    expect(result.rejected).toEqual([]);
    const params = parseEventSearchParams(
      new URLSearchParams({ q: `hostname:${host}`, range: '24h' }),
      { timeZone: ZONE },
    );
    const store = getEventStore(db);
    const sheet = readAsSpreadsheet(await readAll(streamEventsCsv(store, params, ZONE)));
    expect(expectSpreadsheetDates(sheet)).toEqual([`timestamp (${ZONE})`]);
    expect(sheet.cells.map((c) => c[`timestamp (${ZONE})`])).toEqual(times.map(toSecond));
    const found = await store.search({
      query: params.query,
      range: params.range,
      limit: 10,
      cursor: null,
    });
    expect(column(sheet, 'id')).toEqual(found.data.map((e) => e.id));
  });
});

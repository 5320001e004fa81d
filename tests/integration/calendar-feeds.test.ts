import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, tasks, users, type Task, type User } from '@/db/schema';
import { GET as getPersonFeed } from '@/app/api/v1/calendar/people/[file]/route';
import { GET as getScheduleFeed } from '@/app/api/v1/calendar/schedules/[file]/route';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { systemActor } from '@/lib/auth/actor';
import { getPersonFeedEvents } from '@/lib/calendar/feed-items';
import {
  createPersonCalendarFeed,
  createScheduleCalendarFeed,
  getLiveCalendarFeed,
  revokePersonCalendarFeed,
  revokeScheduleCalendarFeed,
} from '@/lib/calendar/manage-feeds';
import { renderFeed } from '@/lib/calendar/render-feed';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { createSchedule } from '@/lib/schedules/create-schedule';
import { dueAtFor } from '@/lib/schedules/recurrence';
import { createTask } from '@/lib/tasks/create-task';
import { zoneOffsetMs } from '@/lib/time/wall-clock';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertTeam, insertUser } from '../support/ticket-fixtures';

// The feeds as a calendar client reads them: the route handlers called as Next.js calls
// them, every answer parsed by ical.js (the parser Thunderbird uses).

const globalForDb = globalThis as unknown as { vigilDb?: Db & { close(): Promise<void> } };
const BASE = 'https://vigil.test:8443';
const ROOT = join(import.meta.dirname, '..', '..');
const ZONE = 'America/New_York';
const DAY_MS = 86_400_000;
const run = Math.random().toString(36).slice(2, 8);

let test: TestDatabase;
let me: User;
let other: User;
let admin: User;
let teamId: string;
const mine = {} as Record<
  'direct' | 'team' | 'watched' | 'beforeDst' | 'afterDst' | 'endOfDay',
  Task
>;
const notMine = {} as Record<'others' | 'closed' | 'undated', Task>;
let nextDstChange: number;

/** The first instant after `from` at which New York's offset changes. */
function offsetChangeAfter(from: number): number {
  let day = from;
  while (zoneOffsetMs(ZONE, day + DAY_MS) === zoneOffsetMs(ZONE, day)) day += DAY_MS;
  let low = day;
  let high = day + DAY_MS;
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2);
    if (zoneOffsetMs(ZONE, mid) === zoneOffsetMs(ZONE, day)) low = mid;
    else high = mid;
  }
  return high;
}

/** 12:00 New York time on the local day `days` away from `instant`. */
function noonInNewYork(instant: number, days: number): Date {
  const local = new Date(instant + zoneOffsetMs(ZONE, instant) + days * DAY_MS);
  const noonFloating = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate(),
    12,
  );
  const guess = noonFloating - zoneOffsetMs(ZONE, noonFloating);
  return new Date(noonFloating - zoneOffsetMs(ZONE, guess));
}

async function task(
  owner: string,
  title: string,
  extra: Partial<{ dueAt: Date | null; watchers: { userId: string }[] }> = {},
) {
  const { task: created } = await createTask(test.db, systemActor('test'), {
    title: `${title} ${run}`,
    owner,
    dueAt: extra.dueAt === undefined ? new Date(Date.now() + 5 * DAY_MS) : extra.dueAt,
    watchers: extra.watchers ?? [],
  });
  return created;
}

async function fetchFeed(kind: 'people' | 'schedules', file: string, headers: HeadersInit = {}) {
  const handler = kind === 'people' ? getPersonFeed : getScheduleFeed;
  return handler(new Request(`${BASE}/api/v1/calendar/${kind}/${file}`, { headers }), {
    params: Promise.resolve({ file }),
  });
}

type ParsedEvent = {
  uid: string;
  start: Date;
  tzid: string | null;
  rawStart: string;
  allDay: boolean;
  url: string;
  description: string;
  summary: string;
  status: string;
  sequence: number;
};

/** Parses a feed as a client does, its own VTIMEZONEs registered so TZID resolves through them. */
function parseFeed(text: string): { events: ParsedEvent[]; zones: string[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const dtstart = vevent.getFirstProperty('dtstart')!;
    return {
      uid: event.uid,
      start: event.startDate.toJSDate(),
      tzid: (dtstart.getParameter('tzid') as string | undefined) ?? null,
      rawStart: String(dtstart.getFirstValue()),
      allDay: event.startDate.isDate,
      url: String(vevent.getFirstPropertyValue('url')),
      description: event.description,
      summary: event.summary,
      status: String(vevent.getFirstPropertyValue('status')),
      sequence: event.sequence,
    };
  });
  return { events, zones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))) };
}

beforeAll(async () => {
  test = await createTestDatabase();
  await globalForDb.vigilDb?.close();
  globalForDb.vigilDb = undefined;
  process.env.DATABASE_URL = test.url;
  process.env.VIGIL_PUBLIC_URL = `${BASE}/`;

  teamId = await insertTeam(test.db, `Calendar team ${run}`);
  me = await insertUser(test.db, 'user', { timeZone: ZONE, teamIds: [teamId] });
  other = await insertUser(test.db, 'user', { timeZone: 'UTC' });
  admin = await insertUser(test.db, 'admin');

  nextDstChange = offsetChangeAfter(Date.now() + DAY_MS);
  mine.direct = await task(`user:${me.id}`, 'Rotate the HSM keys');
  mine.team = await task(`team:${teamId}`, 'Review firewall changes');
  mine.watched = await task(`user:${other.id}`, 'Check the vendor report', {
    watchers: [{ userId: me.id }],
  });
  mine.beforeDst = await task(`user:${me.id}`, 'Before the clocks change', {
    dueAt: noonInNewYork(nextDstChange, -3),
  });
  mine.afterDst = await task(`user:${me.id}`, 'After the clocks change', {
    dueAt: noonInNewYork(nextDstChange, 3),
  });
  mine.endOfDay = await task(`user:${me.id}`, 'Due by the end of the day', {
    dueAt: dueAtFor(new Date(Date.now() + 7 * DAY_MS), 0, ZONE),
  });
  notMine.others = await task(`user:${other.id}`, 'Someone else’s secret work');
  notMine.closed = await task(`user:${me.id}`, 'Already done');
  await test.db.update(tasks).set({ state: 'closed' }).where(eq(tasks.id, notMine.closed.id));
  notMine.undated = await task(`user:${me.id}`, 'Whenever', { dueAt: null });
});

afterAll(async () => {
  await globalForDb.vigilDb?.close();
  globalForDb.vigilDb = undefined;
  delete process.env.VIGIL_PUBLIC_URL;
  await test?.drop();
});

describe("a person's calendar feed", () => {
  it('is iCalendar of the open tasks I own, through my team or watch, and nobody else’s', async () => {
    const { secret } = await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    const response = await fetchFeed('people', `${secret}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const { events } = parseFeed(await response.text());
    const host = 'vigil.test';
    const uids = events.map((e) => e.uid);
    for (const t of Object.values(mine)) expect(uids).toContain(`task-${t.id}@${host}`);
    for (const t of Object.values(notMine)) expect(uids).not.toContain(`task-${t.id}@${host}`);
    expect(events.map((e) => e.summary).join('\n')).not.toContain('secret work');

    const direct = events.find((e) => e.uid === `task-${mine.direct.id}@${host}`)!;
    expect(direct).toMatchObject({
      summary: `Due: TASK-${mine.direct.number} ${mine.direct.title}`,
      url: `${BASE}/tasks/${mine.direct.number}`,
      status: 'CONFIRMED',
      sequence: mine.direct.version,
      tzid: ZONE,
    });
    expect(direct.description).toContain(`${BASE}/tasks/${mine.direct.number}`);
    // iCalendar times have whole seconds.
    expect(direct.start.getTime()).toBe(Math.floor(mine.direct.dueAt!.getTime() / 1000) * 1000);
  });

  it('shows a task due at the end of a day (as generated tasks are) as an all-day event on that day', async () => {
    const { secret } = await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    const { events } = parseFeed(await (await fetchFeed('people', `${secret}.ics`)).text());
    const event = events.find((e) => e.uid === `task-${mine.endOfDay.id}@vigil.test`)!;
    const localDay = new Date(
      mine.endOfDay.dueAt!.getTime() + zoneOffsetMs(ZONE, mine.endOfDay.dueAt!.getTime()),
    )
      .toISOString()
      .slice(0, 10);
    expect(event).toMatchObject({ allDay: true, tzid: null, rawStart: localDay });
    // The same instant is not the end of a day in another zone: there it keeps its time.
    const direct = events.find((e) => e.uid === `task-${mine.direct.id}@vigil.test`)!;
    expect(direct.allDay).toBe(false);
  });

  it('keeps every UID, and the very bytes, from one fetch to the next', async () => {
    const { secret } = await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    const first = await fetchFeed('people', `${secret}.ics`);
    const second = await fetchFeed('people', `${secret}.ics`);
    const [a, b] = [await first.text(), await second.text()];
    expect(parseFeed(a).events.map((e) => e.uid)).toEqual(parseFeed(b).events.map((e) => e.uid));
    expect(a).toBe(b);
    // Times that RFC 5545 wants in UTC are in UTC (a calendar-wide zone would make them floating).
    const stamps = a.match(/^(DTSTAMP|LAST-MODIFIED):.*$/gm)!;
    expect(stamps.length).toBeGreaterThan(0);
    for (const line of stamps) expect(line.trimEnd()).toMatch(/:\d{8}T\d{6}Z$/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const unchanged = await fetchFeed('people', `${secret}.ics`, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
  });

  it('writes due dates on both sides of a DST change with TZID and the VTIMEZONE that resolves them', async () => {
    const { secret } = await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    const text = await (await fetchFeed('people', `${secret}.ics`)).text();
    const { events, zones } = parseFeed(text);
    expect(zones).toContain(ZONE);
    for (const t of [mine.beforeDst, mine.afterDst]) {
      const event = events.find((e) => e.uid.startsWith(`task-${t.id}@`))!;
      expect(event.tzid).toBe(ZONE);
      expect(event.rawStart).toMatch(/T12:00:00$/);
      expect(event.start.toISOString()).toBe(t.dueAt!.toISOString());
    }
    // The offsets really differ: one is EST, the other EDT (or the reverse in autumn).
    expect(
      zoneOffsetMs(ZONE, mine.beforeDst.dueAt!.getTime()) -
        zoneOffsetMs(ZONE, mine.afterDst.dueAt!.getTime()),
    ).not.toBe(0);
    expect(text).toMatch(/DTSTART;TZID=America\/New_York:\d{8}T120000/);
  });

  it('links each item to a page Vigil serves, from the public URL', async () => {
    const { secret } = await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    const { events } = parseFeed(await (await fetchFeed('people', `${secret}.ics`)).text());
    const routes: Record<string, string> = {
      tasks: 'app/(app)/tasks/[number]/page.tsx',
      schedules: 'app/(app)/schedules/[id]/page.tsx',
    };
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const url = new URL(event.url);
      expect(url.origin).toBe(BASE);
      const [, kind, key] = url.pathname.split('/');
      expect(existsSync(join(ROOT, routes[kind]))).toBe(true);
      if (kind === 'tasks') {
        const [row] = await test.db
          .select()
          .from(tasks)
          .where(eq(tasks.number, Number(key)));
        expect(event.uid).toBe(`task-${row.id}@vigil.test`);
      }
      expect(event.description).toContain(event.url);
    }
  });

  it('answers 404 for a revoked, replaced, unknown or malformed secret, and for a deactivated person', async () => {
    const first = await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    const second = await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    expect((await fetchFeed('people', `${first.secret}.ics`)).status).toBe(404);
    expect((await fetchFeed('people', `${second.secret}.ics`)).status).toBe(200);
    // A person's secret is not a schedule's.
    expect((await fetchFeed('schedules', `${second.secret}.ics`)).status).toBe(404);

    await revokePersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    const revoked = await fetchFeed('people', `${second.secret}.ics`);
    expect(revoked.status).toBe(404);
    expect(revoked.headers.get('www-authenticate')).toBeNull();
    expect(await getLiveCalendarFeed(test.db, { userId: me.id })).toBeUndefined();
    await expect(
      revokePersonCalendarFeed(test.db, actorOf(me), { userId: me.id }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const unknown = `vcal_${'A'.repeat(43)}.ics`;
    expect((await fetchFeed('people', unknown)).status).toBe(404);
    expect((await fetchFeed('people', 'not-a-secret')).status).toBe(404);
    expect((await fetchFeed('people', `${second.secret}`)).status).toBe(404);

    const leaving = await insertUser(test.db, 'user');
    const theirs = await createPersonCalendarFeed(test.db, actorOf(leaving), {
      userId: leaving.id,
    });
    expect((await fetchFeed('people', `${theirs.secret}.ics`)).status).toBe(200);
    await test.db.update(users).set({ active: false }).where(eq(users.id, leaving.id));
    expect((await fetchFeed('people', `${theirs.secret}.ics`)).status).toBe(404);
  });

  it('is made only by its person, revoked by them or an administrator, each with an activity row', async () => {
    await expect(
      createPersonCalendarFeed(test.db, actorOf(other), { userId: me.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      createPersonCalendarFeed(test.db, actorOf(me), { userId: 'nobody' }),
    ).rejects.toMatchObject({ status: 400 });
    await createPersonCalendarFeed(test.db, actorOf(me), { userId: me.id });
    await expect(
      revokePersonCalendarFeed(test.db, actorOf(other), { userId: me.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await revokePersonCalendarFeed(test.db, actorOf(admin), { userId: me.id });
    const rows = await test.db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityType, 'user'), eq(activityLog.entityId, me.id)))
      .orderBy(desc(activityLog.occurredAt));
    const created = rows.find((r) => r.action === 'calendar-feed.created');
    expect(created?.actorId).toBe(me.id);
    const revoked = rows.find((r) => r.action === 'calendar-feed.revoked');
    expect(revoked?.actorId).toBe(admin.id);
  });
});

describe("a schedule's calendar feed", () => {
  it('lists the next 90 days of occurrences at the schedule’s time in its zone, for its team', async () => {
    const schedule = await createSchedule(test.db, systemActor('test'), {
      name: `Weekly access review ${run}`,
      owner: `team:${teamId}`,
      pattern: { kind: 'weekly', weekdays: ['MO'] },
      timeOfDay: '09:00',
      timeZone: 'Europe/Berlin',
      startDate: '2026-01-05',
      dueInDays: 2,
    });
    await expect(
      createScheduleCalendarFeed(test.db, actorOf(other), { scheduleId: schedule.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const { secret } = await createScheduleCalendarFeed(test.db, actorOf(me), {
      scheduleId: schedule.id,
    });
    const response = await fetchFeed('schedules', `${secret}.ics`);
    expect(response.status).toBe(200);
    const { events, zones } = parseFeed(await response.text());
    expect(zones).toEqual(['Europe/Berlin']);
    // Twelve or thirteen Mondays in 90 days.
    expect(events.length).toBeGreaterThanOrEqual(12);
    expect(events.length).toBeLessThanOrEqual(13);
    for (const event of events) {
      expect(event.uid).toMatch(
        new RegExp(`^schedule-${schedule.id}-week-\\d{4}-\\d{2}-\\d{2}@vigil\\.test$`),
      );
      expect(event.tzid).toBe('Europe/Berlin');
      expect(event.rawStart).toMatch(/T09:00:00$/);
      expect(event.status).toBe('TENTATIVE');
      expect(event.url).toBe(`${BASE}/schedules/${schedule.id}`);
      expect(event.start.getTime()).toBeGreaterThan(Date.now());
    }

    await revokeScheduleCalendarFeed(test.db, actorOf(admin), { scheduleId: schedule.id });
    expect((await fetchFeed('schedules', `${secret}.ics`)).status).toBe(404);
    const [logged] = await test.db
      .select()
      .from(activityLog)
      .where(
        and(
          eq(activityLog.entityType, 'schedule'),
          eq(activityLog.entityId, schedule.id),
          eq(activityLog.action, 'calendar-feed.revoked'),
        ),
      );
    expect(logged.actorId).toBe(admin.id);
  });

  it('keeps occurrences at 09:00 local across a DST change, with UIDs named by period', async () => {
    const schedule = await createSchedule(test.db, systemActor('test'), {
      name: `Daily log review ${run}`,
      owner: `user:${me.id}`,
      pattern: { kind: 'daily' },
      timeOfDay: '09:00',
      timeZone: ZONE,
      startDate: '2026-01-01',
      dueInDays: 0,
    });
    // Seen from five days before the change: the feed spans it.
    const now = new Date(nextDstChange - 5 * DAY_MS);
    const events = (await getPersonFeedEvents(test.db, me, BASE, now)).filter((e) =>
      e.uid.startsWith(`schedule-${schedule.id}-`),
    );
    const parsed = parseFeed(renderFeed({ name: 'n', description: 'd', events })).events;
    expect(parsed).toHaveLength(90);
    const offsets = new Set<number>();
    for (const event of parsed) {
      expect(event.tzid).toBe(ZONE);
      expect(event.rawStart).toMatch(/T09:00:00$/);
      const local = new Date(event.start.getTime() + zoneOffsetMs(ZONE, event.start.getTime()));
      expect(local.toISOString().slice(11, 16)).toBe('09:00');
      offsets.add(zoneOffsetMs(ZONE, event.start.getTime()));
      const day = local.toISOString().slice(0, 10);
      expect(event.uid).toBe(`schedule-${schedule.id}-day-${day}@vigil.test`);
    }
    expect(offsets.size).toBe(2);
  });
});

describe('the OpenAPI document', () => {
  it('describes both feeds, authenticated by the secret in the path alone', async () => {
    const doc = JSON.parse(await getOpenApi().text());
    for (const path of ['/api/v1/calendar/people/{file}', '/api/v1/calendar/schedules/{file}']) {
      const get = doc.paths[path].get;
      expect(get.security).toEqual([]);
      expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '404']));
      expect(get.responses['200'].content['text/calendar']).toBeDefined();
      expect(get.parameters[0]).toMatchObject({ name: 'file', in: 'path', required: true });
    }
  });
});

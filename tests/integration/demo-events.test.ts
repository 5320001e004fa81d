import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '@/db/schema';
import { demoEvents, seedDemoEvents } from '@/db/seed/demo-events';
import { setUpTestDatabase } from '../support/test-database-hooks';

const DAY = 86_400_000;
const test = setUpTestDatabase();
const now = new Date();

describe('demo events', () => {
  it('are the same every time for the same moment', () => {
    const first = demoEvents(now);
    expect(demoEvents(now)).toEqual(first);
    expect(demoEvents(now, 7)).not.toEqual(first);
  });

  it('seeds a few thousand events over the last 30 days, once', async () => {
    const { inserted } = await seedDemoEvents(test.db, now);
    expect(inserted).toBe(demoEvents(now).length);
    expect(inserted).toBeGreaterThan(3000);
    expect(inserted).toBeLessThan(8000);

    const [span] = await test.db
      .select({
        count: sql<number>`count(*)::int`,
        first: sql<string>`min(${events.occurredAt})`,
        last: sql<string>`max(${events.occurredAt})`,
        days: sql<number>`count(distinct date_trunc('day', ${events.occurredAt} at time zone 'UTC'))::int`,
      })
      .from(events)
      .where(eq(events.source, 'seed'));
    expect(span.count).toBe(inserted);
    expect(new Date(span.first).getTime()).toBeGreaterThanOrEqual(now.getTime() - 30 * DAY);
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(new Date(span.last).getTime()).toBeGreaterThan(now.getTime() - DAY);
    expect(span.days).toBeGreaterThanOrEqual(30);

    expect(await seedDemoEvents(test.db, now)).toEqual({ inserted: 0 });
    const [again] = await test.db.select({ count: sql<number>`count(*)::int` }).from(events);
    expect(again.count).toBe(inserted);
  });

  it('keep the Winlogbeat shape next to the common fields', async () => {
    const [logon] = await test.db
      .select()
      .from(events)
      .where(and(eq(events.eventId, '4624'), eq(events.source, 'seed')))
      .limit(1);
    expect(logon).toMatchObject({
      appName: 'microsoft-windows-security-auditing',
      category: 'authentication',
    });
    // Hostname, event id and user were mapped from the Winlogbeat fields, which left `fields`.
    expect(logon.eventId).toBe('4624');
    expect(logon.hostname).toMatch(/^(srv|wks)-/);
    expect(logon.user).toBeTruthy();
    expect(logon.sourceIp).toMatch(/^10\.20\./);
    expect(logon.fields).toMatchObject({
      'winlog.channel': 'Security',
      'winlog.computer_name': `${logon.hostname}.corp.example.com`,
      'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
      'event.code': '4624',
      'winlog.event_data.TargetUserName': logon.user,
    });
    expect(logon.fields).not.toHaveProperty('host.name');
  });

  it('hold a burst of failed logons from one source on a server within five minutes', async () => {
    const failures = await test.db
      .select({ at: events.occurredAt, host: events.hostname, ip: events.sourceIp })
      .from(events)
      .where(eq(events.eventId, '4625'));
    const bursts = new Map<string, number[]>();
    for (const f of failures) {
      if (!f.host?.startsWith('srv-')) continue;
      const key = `${f.host} ${f.ip}`;
      bursts.set(key, [...(bursts.get(key) ?? []), f.at.getTime()]);
    }
    const largest = Math.max(
      ...[...bursts.values()].map((times) => {
        times.sort((a, b) => a - b);
        let best = 0;
        for (let i = 0, j = 0; j < times.length; j++) {
          while (times[j] - times[i] > 5 * 60_000) i++;
          best = Math.max(best, j - i + 1);
        }
        return best;
      }),
    );
    expect(largest).toBeGreaterThanOrEqual(20);
  });

  it("give the library's example query matches, and an alert it leaves out", async () => {
    const accountEvents = and(
      inArray(events.appName, ['microsoft-windows-security-auditing', 'DefenseStorm Agent']),
      inArray(events.eventId, ['4720', '624', '4722', '626']),
    );
    const rows = await test.db
      .select({ category: events.category })
      .from(events)
      .where(accountEvents);
    const matching = rows.filter((r) => r.category?.toLowerCase() !== 'alert');
    expect(matching.length).toBeGreaterThanOrEqual(10);
    expect(rows.length - matching.length).toBeGreaterThanOrEqual(1);

    const kinds = await test.db
      .selectDistinct({ app: events.appName, category: events.category })
      .from(events);
    const has = (app: string, category: string) =>
      kinds.some((k) => k.app === app && k.category === category);
    expect(has('DefenseStorm Agent', 'heartbeat')).toBe(true);
    expect(has('firewall-edge', 'network')).toBe(true);
    expect(has('bro_dns', 'network')).toBe(true);
    expect(has('microsoft-windows-search', 'application')).toBe(true);
    const ids = await test.db.selectDistinct({ id: events.eventId }).from(events);
    for (const id of ['1102', '4726', '4728', '4732', '4756'])
      expect(ids.map((r) => r.id)).toContain(id);
    const [geo] = await test.db
      .select({ count: sql<number>`count(*)::int` })
      .from(events)
      .where(sql`${events.fields} ? 'geo_dest.country'`);
    expect(geo.count).toBeGreaterThan(100);
  });
});

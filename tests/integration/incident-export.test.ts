import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  incidentLinks,
  incidentPolicies,
  incidentWatchers,
  policies,
  type User,
} from '@/db/schema';
import { changeIncidentState } from '@/lib/incidents/change-state';
import { closeIncidents } from '@/lib/incidents/close-incidents';
import {
  EXPORT_COLUMNS,
  exportFileName,
  incidentExportHeader,
  incidentExportQuery,
  streamIncidentsCsv,
} from '@/lib/incidents/export-csv';
import { getIncidentPage } from '@/lib/incidents/get-incidents';
import { parseIncidentListParams, type IncidentListViewer } from '@/lib/incidents/list-params';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { parseCsv, readAll } from '../support/csv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertIncidents, insertTeam, insertUser } from '../support/incident-fixtures';

describe('incident CSV export', () => {
  let test: TestDatabase;
  let db: Db;
  let me: User;
  let other: User;
  let viewer: IncidentListViewer;

  const paramsOf = (query: string) => parseIncidentListParams(new URLSearchParams(query), viewer);
  async function exportOf(
    query: string,
    zone = 'America/Chicago',
  ): Promise<{ raw: string; header: string[]; rows: string[][] }> {
    const raw = await readAll(streamIncidentsCsv(db, paramsOf(query), zone));
    const [header, ...rows] = parseCsv(raw.replace(/^\uFEFF/, ''));
    return { raw, header, rows };
  }
  /** Every page of the list, as the person would see by clicking Next to the end. */
  async function listOf(query: string): Promise<string[]> {
    const numbers: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await getIncidentPage(
        db,
        paramsOf(`${query}${cursor ? `&cursor=${cursor}` : ''}`),
        { limit: 7 },
      );
      numbers.push(...page.rows.map((r) => `INC-${r.number}`));
      cursor = page.nextCursor;
    } while (cursor);
    return numbers;
  }

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
    const team = await insertTeam(db, 'TRAC');
    me = await insertUser(db, 'user', {
      name: 'Dana Whitfield',
      timeZone: 'America/Chicago',
      teamIds: [team],
    });
    other = await insertUser(db, 'user', { name: 'Sara Lopez' });
    viewer = await getListViewer(db, me);
    const states = ['triage', 'analysis', 'remediation', 'resolved', 'closed'] as const;
    const severities = ['none', 'low', 'medium', 'high'] as const;
    await insertIncidents(
      db,
      Array.from({ length: 40 }, (_, i) => ({
        title: `Export case ${i}`,
        state: states[i % 5],
        severity: severities[i % 4],
        ownerUserId: i % 3 === 0 ? me.id : i % 3 === 1 ? other.id : null,
        ownerTeamId: i % 3 === 2 && i % 2 === 0 ? team : null,
        createdById: i % 2 ? me.id : other.id,
        createdAt: new Date(Date.UTC(2026, 10, 1 + (i % 20), 12, i)),
        dueAt: i % 4 ? new Date(Date.UTC(2026, 11, 1 + (i % 10), 18)) : null,
        respondedAt: new Date(Date.UTC(2026, 10, 25)),
      })),
    );
    const [tricky, linked] = await insertIncidents(db, [
      {
        title: '=HYPERLINK("http://evil.example","click"), "quoted"',
        description: 'Host: ws-042\nWhat: "odd" traffic, many lines\r\n-then more\n@mention',
        ownerUserId: me.id,
        createdById: other.id,
        createdAt: new Date('2026-11-28T20:05:00Z'),
        dueAt: new Date('2026-07-04T15:00:00Z'),
        responseDueAt: new Date('2026-11-28T22:05:00Z'),
        respondedAt: new Date('2026-11-28T21:00:00Z'),
      },
      { title: '+1 linked', createdAt: new Date('2026-11-27T10:00:00Z'), respondedAt: new Date() },
    ]);
    const [policy] = await db
      .insert(policies)
      .values({ framework: 'FFIEC', reference: 'IS.WP.II.C.7', title: 'Monitoring' })
      .returning();
    await db.insert(incidentWatchers).values([
      { incidentId: tricky.id, userId: other.id },
      { incidentId: tricky.id, userId: me.id, frequency: 'opened_closed' },
    ]);
    await db.insert(incidentPolicies).values({ incidentId: tricky.id, policyId: policy.id });
    await db
      .insert(incidentLinks)
      .values({ fromIncidentId: linked.id, toIncidentId: tricky.id, kind: 'duplicate_of' });
  });
  afterAll(() => test?.drop());

  it.each([
    '',
    'state=all',
    'state=closed',
    'severity=high&severity=low',
    'owner=me',
    'owner=unassigned&state=all',
    'createdBy=me&sort=due',
    'dueFrom=2026-12-03&dueTo=2026-12-06&sort=-severity',
    'createdFrom=2026-11-05&createdTo=2026-11-10&sort=updated',
    'q=case 1&state=all',
  ])('holds exactly the rows the list shows, in its order, for %j', async (query) => {
    const { rows } = await exportOf(query);
    const listed = await listOf(query);
    expect(listed.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(listed);
  });

  it('starts with a byte-order mark and the columns in order, date-time headers naming the zone', async () => {
    const { raw, header } = await exportOf('');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(header).toEqual(incidentExportHeader('America/Chicago'));
    expect(header).toEqual([
      'Number',
      'Title',
      'State',
      'Severity',
      'Owner',
      'Created By',
      'Source',
      'Created (America/Chicago)',
      'Updated (America/Chicago)',
      'Due (America/Chicago)',
      'Response Due (America/Chicago)',
      'Responded (America/Chicago)',
      'Resolved (America/Chicago)',
      'Closed (America/Chicago)',
      'Closed By',
      'Closing Note',
      'Watchers',
      'Policies',
      'Links',
      'Description',
    ]);
    expect((await exportOf('', 'Asia/Kolkata')).header[7]).toBe('Created (Asia/Kolkata)');
    // A zone PostgreSQL would not know is written as UTC, and the header says so.
    expect((await exportOf('', 'Mars/Olympus')).header[7]).toBe('Created (UTC)');
  });

  it('neutralises formulas and quotes commas, quotes and newlines', async () => {
    const { raw, rows } = await exportOf('q=HYPERLINK');
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const cell = (name: string) => row[EXPORT_COLUMNS.indexOf(name)];
    expect(cell('Title')).toBe(`'=HYPERLINK("http://evil.example","click"), "quoted"`);
    expect(cell('Description')).toBe(
      'Host: ws-042\nWhat: "odd" traffic, many lines\r\n-then more\n@mention',
    );
    expect(raw).toContain('"\'=HYPERLINK(""http://evil.example"",""click""), ""quoted"""');
    expect(cell('Watchers')).toBe('Dana Whitfield; Sara Lopez');
    expect(cell('Policies')).toBe('FFIEC IS.WP.II.C.7');
    expect(cell('Links')).toMatch(/^duplicated by INC-\d+$/);
    expect(cell('Owner')).toBe('Dana Whitfield');
    expect(cell('Created By')).toBe('Sara Lopez');
    const linked = await exportOf('q=linked');
    expect(linked.rows[0][1]).toBe("'+1 linked");
    expect(linked.rows[0][EXPORT_COLUMNS.indexOf('Links')]).toMatch(/^duplicate of INC-\d+$/);
  });

  it('writes times as spreadsheets read them, in the viewer’s zone, daylight saving included', async () => {
    const chicago = (await exportOf('q=HYPERLINK')).rows[0];
    const at = (name: string, row = chicago) => row[EXPORT_COLUMNS.indexOf(name)];
    expect(at('Created')).toBe('2026-11-28 14:05:00');
    expect(at('Due')).toBe('2026-07-04 10:00:00');
    expect(at('Response Due')).toBe('2026-11-28 16:05:00');
    expect(at('Responded')).toBe('2026-11-28 15:00:00');
    expect(at('Closed')).toBe('');
    const kolkata = (await exportOf('q=HYPERLINK', 'Asia/Kolkata')).rows[0];
    expect(at('Created', kolkata)).toBe('2026-11-29 01:35:00');
  });

  it('gives every date-time cell in a form a parser with date detection reads as that instant', async () => {
    const { raw } = await exportOf('state=all');
    const records = parse(raw, {
      bom: true,
      columns: true,
      cast: true,
      cast_date: true,
    }) as Record<string, unknown>[];
    expect(records.length).toBeGreaterThan(40);
    const zoned = incidentExportHeader('America/Chicago').filter((h) =>
      h.endsWith('(America/Chicago)'),
    );
    expect(zoned).toHaveLength(7);
    const wallClock = (d: Date) =>
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    let dates = 0;
    for (const record of records)
      for (const column of zoned) {
        const value = record[column];
        if (value === '') continue;
        // No "T", no offset: the shape Excel, LibreOffice and Gnumeric take for a date.
        expect(value, column).toBeInstanceOf(Date);
        dates += 1;
      }
    expect(dates).toBeGreaterThan(150);
    // The parser reads the cell as local time: its wall clock is the viewer's.
    const tricky = records.find((r) => String(r.Title).includes('HYPERLINK'))!;
    expect(wallClock(tricky['Created (America/Chicago)'] as Date)).toBe('2026-11-28 14:05:00');
    expect(wallClock(tricky['Due (America/Chicago)'] as Date)).toBe('2026-07-04 10:00:00');
    expect(raw).not.toMatch(/\d{2}:\d{2}:\d{2}[+-]\d{2}/);
    expect(raw).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
  });

  it('holds who closed it, the closing note, its source and when it last changed', async () => {
    const [byHand, byBulk, reopened] = await insertIncidents(db, [
      { title: 'Closed-by hand', source: 'alert', state: 'analysis' },
      { title: 'Closed-by bulk', source: 'api' },
      { title: 'Closed-by then reopened', state: 'resolved' },
    ]);
    await changeIncidentState(db, actorOf(me), byHand.id, {
      version: byHand.version,
      from: 'analysis',
      to: 'closed',
      note: 'False positive: the scanner, =not a formula',
    });
    await closeIncidents(db, actorOf({ ...other, role: 'admin' }), {
      incidentIds: [byBulk.id],
      note: 'Bulk: duplicates of INC-1001',
    });
    const closed = await changeIncidentState(db, actorOf(other), reopened.id, {
      version: reopened.version,
      from: 'resolved',
      to: 'closed',
      note: 'Done',
    });
    await changeIncidentState(db, actorOf(me), reopened.id, {
      version: closed.version,
      from: 'closed',
      to: 'triage',
      note: 'It came back',
    });
    const { rows } = await exportOf('q=Closed-by&state=all&sort=created');
    const byTitle = new Map(rows.map((r) => [r[1], r]));
    const cell = (title: string, name: string) => byTitle.get(title)![EXPORT_COLUMNS.indexOf(name)];
    expect(cell('Closed-by hand', 'State')).toBe('Closed');
    expect(cell('Closed-by hand', 'Closed By')).toBe('Dana Whitfield');
    expect(cell('Closed-by hand', 'Closing Note')).toBe(
      'False positive: the scanner, =not a formula',
    );
    expect(cell('Closed-by hand', 'Source')).toBe('Alert');
    expect(cell('Closed-by bulk', 'Closed By')).toBe('Sara Lopez');
    expect(cell('Closed-by bulk', 'Closing Note')).toBe('Bulk: duplicates of INC-1001');
    expect(cell('Closed-by bulk', 'Source')).toBe('Api');
    expect(cell('Closed-by then reopened', 'State')).toBe('Triage');
    expect(cell('Closed-by then reopened', 'Closed By')).toBe('');
    expect(cell('Closed-by then reopened', 'Closed')).toBe('');
    const [{ updated }] = await db.$client<{ updated: string }[]>`
      select to_char(updated_at at time zone 'America/Chicago', 'YYYY-MM-DD HH24:MI:SS') as updated
      from incidents where id = ${byHand.id}`;
    expect(cell('Closed-by hand', 'Updated')).toBe(updated);
    expect(cell('Closed-by hand', 'Closed')).toBe(updated);
  });

  it('aggregates watchers, policies and links once per export, not once per row', async () => {
    const query = incidentExportQuery(db, paramsOf('state=all')).toSQL();
    const [{ 'QUERY PLAN': plan }] = await db.$client.unsafe(
      `explain (analyze, format json) ${query.sql}`,
      query.params as never[],
    );
    const scans: { relation: string; loops: number }[] = [];
    let subPlans = 0;
    const walk = (node: Record<string, unknown>) => {
      if (node['Parent Relationship'] === 'SubPlan') subPlans += 1;
      if (typeof node['Relation Name'] === 'string')
        scans.push({ relation: node['Relation Name'], loops: node['Actual Loops'] as number });
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan[0].Plan);
    expect(subPlans).toBe(0);
    const children = scans.filter((s) =>
      ['incident_watchers', 'incident_policies', 'incident_links'].includes(s.relation),
    );
    expect(children.map((s) => s.relation).sort()).toEqual([
      'incident_links',
      'incident_links',
      'incident_policies',
      'incident_watchers',
    ]);
    expect(children.every((s) => s.loops === 1)).toBe(true);
  });

  it('names the file after the viewer’s local time', () => {
    expect(exportFileName(new Date('2026-11-28T20:05:00Z'), 'America/Chicago')).toBe(
      'vigil-incidents-20261128-1405.csv',
    );
  });

  it('gives the connection back with its time zone reset, even when the reader stops early', async () => {
    const stream = streamIncidentsCsv(db, paramsOf('state=all'), 'Asia/Kolkata');
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    const zones = await Promise.all(Array.from({ length: 5 }, () => db.$client`show timezone`));
    expect(zones.map((z) => z[0].TimeZone ?? z[0].timezone)).not.toContain('Asia/Kolkata');
  });
});

const pad = (n: number) => String(n).padStart(2, '0');

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import {
  incidentLinks,
  incidentPolicies,
  incidentWatchers,
  policies,
  type User,
} from '@/db/schema';
import { EXPORT_COLUMNS, exportFileName, streamIncidentsCsv } from '@/lib/incidents/export-csv';
import { getIncidentPage } from '@/lib/incidents/get-incidents';
import { parseIncidentListParams, type IncidentListViewer } from '@/lib/incidents/list-params';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { parseCsv, readAll } from '../support/csv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertIncidents, insertTeam, insertUser } from '../support/incident-fixtures';

describe('incident CSV export', () => {
  let test: TestDatabase;
  let db: Db;
  let me: User;
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
    const other = await insertUser(db, 'user', { name: 'Sara Lopez' });
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

  it('starts with a byte-order mark and the columns in order', async () => {
    const { raw, header } = await exportOf('');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(header).toEqual([...EXPORT_COLUMNS]);
  });

  it('neutralises formulas and quotes commas, quotes and newlines', async () => {
    const { raw, rows } = await exportOf('q=HYPERLINK');
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const cell = (name: (typeof EXPORT_COLUMNS)[number]) => row[EXPORT_COLUMNS.indexOf(name)];
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

  it('writes times in ISO 8601 with the viewer’s offset, daylight saving included', async () => {
    const chicago = (await exportOf('q=HYPERLINK')).rows[0];
    const at = (name: (typeof EXPORT_COLUMNS)[number], row = chicago) =>
      row[EXPORT_COLUMNS.indexOf(name)];
    expect(at('Created')).toBe('2026-11-28T14:05:00-06:00');
    expect(at('Due')).toBe('2026-07-04T10:00:00-05:00');
    expect(at('Response Due')).toBe('2026-11-28T16:05:00-06:00');
    expect(at('Responded')).toBe('2026-11-28T15:00:00-06:00');
    expect(at('Closed')).toBe('');
    const kolkata = (await exportOf('q=HYPERLINK', 'Asia/Kolkata')).rows[0];
    expect(at('Created', kolkata)).toBe('2026-11-29T01:35:00+05:30');
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

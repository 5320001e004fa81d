import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { Incident, User } from '@/db/schema';
import {
  countIncidents,
  getIncidentPage,
  type IncidentListRow,
} from '@/lib/incidents/get-incidents';
import { parseIncidentListParams, type IncidentListViewer } from '@/lib/incidents/list-params';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertIncidents, insertTeam, insertUser } from '../support/incident-fixtures';

const HOUR = 3_600_000;

describe('incident list', () => {
  let test: TestDatabase;
  let db: Db;
  let me: User;
  let other: User;
  let myTeam: string;
  let otherTeam: string;
  let viewer: IncidentListViewer;
  let seeded: Incident[];

  const page = (query: string, limit?: number) =>
    getIncidentPage(db, parseIncidentListParams(new URLSearchParams(query), viewer), { limit });
  // Only this file's fixtures (titles fx-…), sorted, whatever else the database holds.
  const titles = async (query: string) =>
    (await page(query, 500)).rows
      .map((r) => r.title)
      .filter((t) => t.startsWith('fx-'))
      .sort();

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
    myTeam = await insertTeam(db, 'TRAC');
    otherTeam = await insertTeam(db, 'Network');
    me = await insertUser(db, 'user', {
      name: 'Me',
      timeZone: 'America/Chicago',
      teamIds: [myTeam],
    });
    other = await insertUser(db, 'user', { name: 'Other' });
    viewer = await getListViewer(db, me);
    const now = Date.now();
    seeded = await insertIncidents(db, [
      {
        title: 'fx-mine-triage',
        state: 'triage',
        severity: 'high',
        ownerUserId: me.id,
        createdById: me.id,
        respondedAt: new Date(),
      },
      {
        title: 'fx-team-analysis',
        state: 'analysis',
        severity: 'medium',
        ownerTeamId: myTeam,
        createdById: other.id,
        respondedAt: new Date(),
      },
      {
        title: 'fx-otherteam-remediation',
        state: 'remediation',
        severity: 'low',
        ownerTeamId: otherTeam,
        createdById: other.id,
        respondedAt: new Date(),
      },
      {
        title: 'fx-other-resolved',
        state: 'resolved',
        severity: 'none',
        ownerUserId: other.id,
        respondedAt: new Date(),
      },
      {
        title: 'fx-unassigned-closed',
        state: 'closed',
        severity: 'high',
        respondedAt: new Date(),
        closedAt: new Date(),
      },
      { title: 'fx-unassigned-open', state: 'triage', severity: 'low', respondedAt: new Date() },
      // 23:30 on November 9 in Chicago (UTC-6), and 00:30 on November 10.
      { title: 'fx-due-9th', dueAt: new Date('2026-11-10T05:30:00Z'), respondedAt: new Date() },
      { title: 'fx-due-10th', dueAt: new Date('2026-11-10T06:30:00Z'), respondedAt: new Date() },
      { title: 'fx-old', createdAt: new Date('2025-01-15T12:00:00Z'), respondedAt: new Date() },
      { title: 'fx-Discount 100% off', respondedAt: new Date() },
      // Unanswered: one breached, one 80 % through its time, one 10 % through.
      {
        title: 'fx-breached',
        createdAt: new Date(now - 3 * HOUR),
        responseDueAt: new Date(now - HOUR),
      },
      {
        title: 'fx-at-risk',
        createdAt: new Date(now - 8 * HOUR),
        responseDueAt: new Date(now + 2 * HOUR),
      },
      {
        title: 'fx-on-track',
        createdAt: new Date(now - HOUR),
        responseDueAt: new Date(now + 9 * HOUR),
      },
    ]);
  });
  afterAll(() => test?.drop());

  it('shows every state but Closed by default, everything with state=all', async () => {
    expect(await titles('')).not.toContain('fx-unassigned-closed');
    expect(await titles('')).toHaveLength(seeded.length - 1);
    expect(await titles('state=all')).toHaveLength(seeded.length);
    expect(await titles('state=closed')).toEqual(['fx-unassigned-closed']);
    expect(await titles('state=triage&state=analysis')).toEqual(
      expect.arrayContaining(['fx-mine-triage', 'fx-team-analysis']),
    );
    expect(await titles('state=analysis,remediation')).toEqual([
      'fx-otherteam-remediation',
      'fx-team-analysis',
    ]);
  });

  it('filters by several severities', async () => {
    expect(await titles('severity=high&state=all')).toEqual([
      'fx-mine-triage',
      'fx-unassigned-closed',
    ]);
    expect(await titles('severity=medium&severity=low')).toEqual([
      'fx-otherteam-remediation',
      'fx-team-analysis',
      'fx-unassigned-open',
    ]);
  });

  it('counts incidents of my teams as mine', async () => {
    expect(await titles('owner=me')).toEqual(['fx-mine-triage', 'fx-team-analysis']);
    expect(await titles(`owner=team:${otherTeam}`)).toEqual(['fx-otherteam-remediation']);
    expect(await titles(`owner=user:${other.id}`)).toEqual(['fx-other-resolved']);
    expect(await titles('owner=unassigned')).not.toContain('fx-unassigned-closed');
    expect(await titles('owner=unassigned')).toContain('fx-unassigned-open');
    expect(await titles('owner=unassigned')).not.toContain('fx-mine-triage');
  });

  it('filters by creator', async () => {
    expect(await titles('createdBy=me')).toEqual(['fx-mine-triage']);
    expect(await titles(`createdBy=${other.id}`)).toEqual([
      'fx-otherteam-remediation',
      'fx-team-analysis',
    ]);
  });

  it('reads dates as whole days in the viewer’s time zone', async () => {
    expect(await titles('dueFrom=2026-11-10&dueTo=2026-11-10')).toEqual(['fx-due-10th']);
    expect(await titles('dueTo=2026-11-09')).toEqual(['fx-due-9th']);
    expect(await titles('dueFrom=2026-11-09')).toEqual(['fx-due-10th', 'fx-due-9th']);
    expect(await titles('dueFrom=2026-11-10T06:00:00Z')).toEqual(['fx-due-10th']);
    expect(await titles('createdTo=2025-12-31')).toEqual(['fx-old']);
    expect(await titles('createdFrom=2025-01-15&createdTo=2025-01-15')).toEqual(['fx-old']);
  });

  it('searches titles case-insensitively, taking % and _ literally', async () => {
    expect(await titles('q=DISCOUNT')).toEqual(['fx-Discount 100% off']);
    expect(await titles('q=100%25')).toEqual(['fx-Discount 100% off']);
    expect(await titles('q=0%25 off')).toEqual(['fx-Discount 100% off']);
    expect(await titles('q=fx_mine')).toEqual([]);
  });

  it('finds unanswered incidents that breached or are at risk', async () => {
    expect(await titles('response=breached')).toEqual(['fx-breached']);
    expect(await titles('response=at-risk')).toEqual(['fx-at-risk']);
  });

  it('joins the owner’s and creator’s names', async () => {
    const { rows } = await page('q=fx-team-analysis');
    expect(rows[0]).toMatchObject({
      ownerName: expect.stringMatching(/^TRAC/),
      createdByName: 'Other',
    });
  });

  describe('sorting and keyset paging with ties', () => {
    let ties: Incident[];
    beforeAll(async () => {
      const at = new Date('2026-06-01T12:00:00.123456Z');
      ties = await insertIncidents(
        db,
        Array.from({ length: 11 }, (_, i) => ({
          title: `tie-${i}`,
          severity: (['none', 'low', 'medium', 'high'] as const)[i % 4],
          dueAt: i % 3 === 0 ? null : new Date(at.getTime() + (i % 2) * HOUR),
          respondedAt: at,
        })),
      );
      // Equal to the microsecond, which a JavaScript Date cannot carry: the cursor must.
      await db.execute(
        sql`update incidents set created_at = '2026-06-01 12:00:00.123456+00', updated_at = '2026-06-02 08:00:00.654321+00' where title like 'tie-%'`,
      );
    });

    async function walk(
      sort: string,
    ): Promise<{ forward: IncidentListRow[]; backward: IncidentListRow[] }> {
      const forward: IncidentListRow[] = [];
      let cursor: string | null = null;
      let guard = 0;
      do {
        const result = await page(`q=tie-&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`, 3);
        forward.push(...result.rows);
        cursor = result.nextCursor;
        if (++guard > 10) throw new Error('paging did not end');
      } while (cursor);
      // And back again from the last page with "Previous".
      const backward: IncidentListRow[] = [];
      let lastPage = await page(`q=tie-&sort=${sort}`, 3);
      while (lastPage.nextCursor)
        lastPage = await page(`q=tie-&sort=${sort}&cursor=${lastPage.nextCursor}`, 3);
      backward.unshift(...lastPage.rows);
      let prev = lastPage.prevCursor;
      while (prev) {
        const result = await page(`q=tie-&sort=${sort}&cursor=${prev}`, 3);
        backward.unshift(...result.rows);
        prev = result.prevCursor;
      }
      return { forward, backward };
    }

    const expected = (sort: string): string[] => {
      const desc = sort.startsWith('-');
      const key = sort.replace('-', '');
      const rank = { none: 0, low: 1, medium: 2, high: 3 };
      const value = (i: Incident) =>
        key === 'severity'
          ? rank[i.severity]
          : key === 'due'
            ? (i.dueAt?.getTime() ?? Number.POSITIVE_INFINITY)
            : 0;
      return [...ties]
        .sort((a, b) => {
          const d = value(a) - value(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
          return desc ? -d : d;
        })
        .map((i) => i.title);
    };

    it.each(['created', '-created', 'updated', '-updated', 'severity', '-severity', 'due', '-due'])(
      'pages through sort=%s without skipping or repeating',
      async (sort) => {
        const { forward, backward } = await walk(sort);
        expect(forward.map((r) => r.title)).toEqual(expected(sort));
        expect(backward.map((r) => r.title)).toEqual(expected(sort));
      },
    );

    it('refuses a cursor from another sort order', () => {
      expect(() =>
        parseIncidentListParams(
          new URLSearchParams(
            'sort=due&cursor=' +
              Buffer.from(
                JSON.stringify({ s: '-created', v: '2026-01-01 00:00:00+00', id: ties[0].id }),
              ).toString('base64url'),
          ),
          viewer,
        ),
      ).toThrow(/sort/);
    });
  });

  it('counts exactly up to 10,000, then says 10,000+', async () => {
    await db.execute(sql`
      insert into incidents (title, response_due_at, responded_at)
      select 'bulkcount ' || g, now() + interval '1 day', now() from generate_series(1, 10005) g`);
    const count = (query: string) =>
      countIncidents(db, parseIncidentListParams(new URLSearchParams(query), viewer));
    expect(await count('q=bulkcount')).toEqual({ count: 10_000, capped: true });
    expect(await count('q=bulkcount 999')).toEqual({ count: 11, capped: false }); // 999, 9990–9999
    expect(await count('q=fx-')).toEqual({ count: seeded.length - 1, capped: false });
  });
});

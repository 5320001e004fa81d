import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { incidents, incidentViews } from '@/db/schema';
import { getIncidentChoices } from '@/lib/incidents/incident-choices';
import { recentIncidentsFor, recordIncidentView } from '@/lib/incidents/recent-views';
import { insertIncidents } from '../support/incident-fixtures';
import { setUpTestDatabase } from '../support/test-database-hooks';
import { insertUser } from '../support/ticket-fixtures';

// "Add to incident" on the Events page offers the incidents a person opened lately: the
// open ones first, each newest first, closed ones after them.

let db: Db;
const test = setUpTestDatabase(() => {
  db = test.db;
});

describe('recently viewed incidents', () => {
  it('lists open incidents before closed ones, most recently opened first, one row per incident', async () => {
    const dana = await insertUser(db, 'user');
    const sam = await insertUser(db, 'user');
    const [first, closed, latest, unseen] = await insertIncidents(db, [
      { title: 'First seen' },
      { title: 'Closed since', state: 'closed', closedAt: new Date(), closingNote: 'done' },
      { title: 'Seen second' },
      { title: 'Never opened' },
    ]);
    await recordIncidentView(db, dana.id, first.id);
    await recordIncidentView(db, dana.id, latest.id);
    await recordIncidentView(db, dana.id, closed.id);
    await recordIncidentView(db, sam.id, unseen.id);
    // Opening one again moves it up rather than adding a row.
    await recordIncidentView(db, dana.id, first.id);

    const recent = await recentIncidentsFor(db, dana.id, 10);
    expect(recent.map((r) => [r.title, r.state])).toEqual([
      ['First seen', 'triage'],
      ['Seen second', 'triage'],
      ['Closed since', 'closed'],
    ]);
    expect(recent[0]).toMatchObject({ id: first.id, number: first.number });
    const rows = await db.select().from(incidentViews).where(eq(incidentViews.userId, dana.id));
    expect(rows).toHaveLength(3);
    expect(await recentIncidentsFor(db, dana.id, 1)).toHaveLength(1);

    await db.update(incidents).set({ state: 'analysis' }).where(eq(incidents.id, closed.id));
    expect((await recentIncidentsFor(db, dana.id, 10)).map((r) => r.title)).toEqual([
      'First seen',
      'Closed since',
      'Seen second',
    ]);
  });

  it('offers to add events only to incidents that can take them: a closed one refuses (reopen first)', async () => {
    const dana = await insertUser(db, 'user');
    const [open, closed] = await insertIncidents(db, [
      { title: 'Still open' },
      { title: 'Closed and viewed', state: 'closed', closedAt: new Date(), closingNote: 'done' },
    ]);
    await recordIncidentView(db, dana.id, open.id);
    await recordIncidentView(db, dana.id, closed.id);
    const choices = await getIncidentChoices(db, await recentIncidentsFor(db, dana.id, 10));
    const labels = choices.map((c) => c.label);
    expect(labels.some((l) => l.endsWith('Still open'))).toBe(true);
    expect(labels.some((l) => l.endsWith('Closed and viewed'))).toBe(false);
  });
});

import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, incidents, outbox, type Incident, type User } from '@/db/schema';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import {
  bulkCloseStream,
  csrfProblem,
  resolveBulkCloseTargets,
  type BulkCloseLine,
} from '@/lib/incidents/bulk-close-request';
import { closeIncidents } from '@/lib/incidents/close-incidents';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { actorOf, insertIncidents, insertUser } from '../support/incident-fixtures';
import { openLockHolder, type LockHolder } from '../support/row-locks';

async function lines(stream: ReadableStream<Uint8Array>): Promise<BulkCloseLine[]> {
  const text = await new Response(stream).text();
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BulkCloseLine);
}

describe('bulk close', () => {
  let test: TestDatabase;
  let db: Db;
  let admin: User;

  /**
   * Starts the admin's bulk close while another session holds `lockedId`'s row, runs `meanwhile`
   * in that session once the close waits for the lock, commits it, and returns the close's result.
   */
  async function closeWhileAnotherSessionCommits(
    lockedId: string,
    input: Parameters<typeof closeIncidents>[2],
    meanwhile: (sql: LockHolder['sql']) => Promise<unknown>,
  ) {
    const holder = await openLockHolder(test.url);
    try {
      await holder.sql`select 1 from incidents where id = ${lockedId} for update`;
      const closing = closeIncidents(db, actorOf(admin), input);
      await holder.waitUntilSomeoneBlocks();
      await meanwhile(holder.sql);
      await holder.commit();
      return await closing;
    } finally {
      await holder.close();
    }
  }

  const states = async (ids: string[]) =>
    Object.fromEntries(
      (
        await db
          .select({ id: incidents.id, state: incidents.state })
          .from(incidents)
          .where(inArray(incidents.id, ids))
      ).map((r) => [r.id, r.state]),
    );

  beforeAll(async () => {
    test = await createTestDatabase();
    db = test.db;
    admin = await insertUser(db, 'admin', { name: 'Ada Admin' });
  });
  afterAll(() => test?.drop());

  it.each(['power_user', 'user', 'read_only'] as const)(
    'refuses a %s and changes nothing',
    async (role) => {
      const [incident] = await insertIncidents(db, [{ title: `not for ${role}` }]);
      const actor = actorOf(await insertUser(db, role));
      await expect(
        closeIncidents(db, actor, { incidentIds: [incident.id], note: 'no' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      expect((await lines(bulkCloseStream(db, actor, [incident.id], 'no'))).at(-1)).toEqual({
        type: 'error',
        message: 'You do not have permission to do that.',
      });
      expect((await states([incident.id]))[incident.id]).toBe('triage');
    },
  );

  it('closes the selected ones, says how many were already closed, and logs and notifies each', async () => {
    const open = await insertIncidents(
      db,
      Array.from({ length: 5 }, (_, i) => ({
        title: `pick ${i}`,
        state: i % 2 ? 'analysis' : 'triage',
      })),
    );
    const closed = await insertIncidents(
      db,
      Array.from({ length: 3 }, (_, i) => ({
        title: `was closed ${i}`,
        state: 'closed',
        closedAt: new Date(),
      })),
    );
    const bystander = (await insertIncidents(db, [{ title: 'not selected' }]))[0];
    const ids = [...open, ...closed].map((i) => i.id);

    const output = await lines(
      bulkCloseStream(db, actorOf(admin), ids, 'False positives from the scanner.'),
    );
    const done = output.at(-1)!;
    expect(done).toMatchObject({
      type: 'done',
      closed: 5,
      alreadyClosed: 3,
      total: 8,
      message: 'Closed 5 incidents; 3 were already closed.',
    });
    expect(output.filter((l) => l.type === 'progress').length).toBeGreaterThanOrEqual(2);

    expect(Object.values(await states(ids)).every((s) => s === 'closed')).toBe(true);
    expect((await states([bystander.id]))[bystander.id]).toBe('triage');

    const openIds = open.map((i) => i.id);
    const activity = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.action, 'incident.closed'), inArray(activityLog.entityId, ids)));
    expect(activity.map((a) => a.entityId).sort()).toEqual([...openIds].sort());
    expect(activity.every((a) => a.actorId === admin.id)).toBe(true);
    const notes = await db.select().from(outbox).where(eq(outbox.topic, 'incident.closed'));
    const notified = notes.map((n) => (n.payload as { entityId: string }).entityId);
    expect(notified.filter((id) => ids.includes(id)).sort()).toEqual([...openIds].sort());
    expect(notified).not.toContain(bystander.id);
  });

  it('logs the state an incident really had when another change committed while the close waited for its lock', async () => {
    const [raced, calm] = await insertIncidents(db, [
      { title: 'raced', state: 'triage' },
      { title: 'calm', state: 'analysis' },
    ]);
    const result = await closeWhileAnotherSessionCommits(
      raced.id,
      { incidentIds: [raced.id, calm.id], note: 'Duplicates of INC-1.' },
      // An analyst moves it on and commits while the bulk close is waiting.
      (sql) =>
        sql`update incidents set state = 'remediation', version = version + 1 where id = ${raced.id}`,
    );
    expect(result).toEqual({ closed: 2, alreadyClosed: 0, missing: 0 });
    const logged = await db
      .select()
      .from(activityLog)
      .where(
        and(
          eq(activityLog.action, 'incident.closed'),
          inArray(activityLog.entityId, [raced.id, calm.id]),
        ),
      );
    const oldState = (id: string) => logged.find((a) => a.entityId === id)?.changes.state;
    expect(oldState(raced.id)).toEqual({ old: 'remediation', new: 'closed' });
    expect(oldState(calm.id)).toEqual({ old: 'analysis', new: 'closed' });
    const [notice] = await db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.topic, 'incident.closed'), sql`${outbox.payload}->>'entityId' = ${raced.id}`),
      );
    expect(notice.payload).toMatchObject({
      changes: { state: { old: 'remediation', new: 'closed' } },
      note: 'Duplicates of INC-1.',
    });
  });

  it('counts as already closed one that another session closed while the close waited, and logs nothing for it', async () => {
    const [raced, calm] = await insertIncidents(db, [
      { title: 'closed meanwhile' },
      { title: 'closed by the bulk' },
    ]);
    const result = await closeWhileAnotherSessionCommits(
      raced.id,
      { incidentIds: [raced.id, calm.id], note: 'Noise.' },
      (sql) =>
        sql`update incidents set state = 'closed', closed_at = now(), closing_note = 'By hand', version = version + 1 where id = ${raced.id}`,
    );
    expect(result).toEqual({ closed: 1, alreadyClosed: 1, missing: 0 });
    const [row] = await db.select().from(incidents).where(eq(incidents.id, raced.id));
    expect(row).toMatchObject({
      state: 'closed',
      closingNote: 'By hand',
      version: raced.version + 1,
    });
    expect(
      await db
        .select()
        .from(activityLog)
        .where(and(eq(activityLog.action, 'incident.closed'), eq(activityLog.entityId, raced.id))),
    ).toEqual([]);
  });

  it('lets two bulk closes of the same incidents, given in opposite orders, both finish: each incident closed and logged once', async () => {
    const rows = await insertIncidents(
      db,
      Array.from({ length: 1200 }, (_, i) => ({ title: `overlap ${i}` })),
    );
    const ids = rows.map((r) => r.id);
    const [one, two] = await Promise.all([
      closeIncidents(db, actorOf(admin), { incidentIds: ids, note: 'First admin.' }),
      closeIncidents(db, actorOf(admin), {
        incidentIds: [...ids].reverse(),
        note: 'Second admin.',
      }),
    ]);
    expect(one.closed + two.closed).toBe(ids.length);
    expect(one.alreadyClosed + two.alreadyClosed).toBe(ids.length);
    const logged = await db
      .select({ entityId: activityLog.entityId })
      .from(activityLog)
      .where(and(eq(activityLog.action, 'incident.closed'), inArray(activityLog.entityId, ids)));
    expect(new Set(logged.map((a) => a.entityId)).size).toBe(ids.length);
    expect(logged).toHaveLength(ids.length);
  });

  it('resolves "all matching" with the list’s own filter, never touching anything outside it', async () => {
    const viewer = await getListViewer(db, admin);
    const inside = await insertIncidents(
      db,
      Array.from({ length: 4 }, (_, i) => ({
        title: `scanner noise ${i}`,
        severity: 'low' as const,
      })),
    );
    const outside: Incident[] = await insertIncidents(db, [
      { title: 'scanner noise but high', severity: 'high' },
      { title: 'unrelated low', severity: 'low' },
    ]);
    // The page's cursor must not narrow "all matching" to the page on screen.
    const { ids, note } = await resolveBulkCloseTargets(db, viewer, {
      filter: '?q=scanner noise&severity=low&cursor=whatever',
      note: ' Noise. ',
    });
    expect(note).toBe('Noise.');
    expect(ids.sort()).toEqual(inside.map((i) => i.id).sort());
    await lines(bulkCloseStream(db, actorOf(admin), ids, note));
    expect(Object.values(await states(inside.map((i) => i.id)))).toEqual([
      'closed',
      'closed',
      'closed',
      'closed',
    ]);
    expect(Object.values(await states(outside.map((i) => i.id)))).toEqual(['triage', 'triage']);
  });

  it('refuses bad requests before closing anything', async () => {
    const viewer = await getListViewer(db, admin);
    const refused = (body: unknown) =>
      resolveBulkCloseTargets(db, viewer, body).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(await refused({ ids: [], note: 'x' })).toBeInstanceOf(ValidationError);
    expect(await refused({ ids: ['not-a-uuid'], note: 'x' })).toBeInstanceOf(ValidationError);
    expect(
      await refused({ ids: ['11111111-1111-4111-8111-111111111111'], note: '  ' }),
    ).toBeInstanceOf(ValidationError);
    expect(await refused({ filter: 'severity=urgent', note: 'x' })).toBeInstanceOf(ValidationError);
    expect(await refused({ filter: 'q=matches nothing at all', note: 'x' })).toMatchObject({
      fieldErrors: { filter: 'No incidents match this filter.' },
    });
  });

  it('accepts only same-origin JSON', () => {
    const request = (headers: Record<string, string>) =>
      new Request('http://vigil.test/incidents/bulk-close', { method: 'POST', headers });
    const own = ['http://vigil.test'];
    expect(
      csrfProblem(
        request({ 'content-type': 'application/json', origin: 'http://vigil.test' }),
        own,
      ),
    ).toBeUndefined();
    expect(
      csrfProblem(request({ 'content-type': 'text/plain', origin: 'http://vigil.test' }), own),
    ).toMatch(/json/);
    expect(
      csrfProblem(
        request({
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://vigil.test',
        }),
        own,
      ),
    ).toMatch(/json/);
    expect(
      csrfProblem(request({ 'content-type': 'application/json', origin: 'http://evil.test' }), own),
    ).toMatch(/Vigil/);
    expect(csrfProblem(request({ 'content-type': 'application/json' }), own)).toMatch(/Vigil/);
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, outbox, policies } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { csvDownloadHeaders } from '@/lib/csv/download';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { exportFileName, streamIncidentsCsv } from '@/lib/incidents/export-csv';
import { getIncidentPage } from '@/lib/incidents/get-incidents';
import { parseIncidentListParams } from '@/lib/incidents/list-params';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { createTask } from '@/lib/tasks/create-task';
import { streamTasksCsv, taskExportFileName } from '@/lib/tasks/export-csv';
import { getTaskPage } from '@/lib/tasks/get-tasks';
import { parseTaskListParams } from '@/lib/tasks/list-params';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { addAttachment, getAttachment } from '@/lib/tickets/attachments';
import { getTicketIdByNumber } from '@/lib/tickets/find-by-number';
import { findTicket, getTicketChildren } from '@/lib/tickets/get-detail';
import { getListViewer } from '@/lib/tickets/list-viewer';
import { loadTicketForUpdate } from '@/lib/tickets/load-for-update';
import { addNote, editNote } from '@/lib/tickets/notes';
import { changeRelations, describePolicies, describeWatchers } from '@/lib/tickets/relations';
import type { TicketKind } from '@/lib/tickets/ticket-kind';
import { parseCsv, readAll } from '../support/csv';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';
import { actorOf, insertTeam, insertUser } from '../support/ticket-fixtures';

// The shared ticket core (lib/tickets/) run against each kind's descriptor: the same
// calls, the same answers, on the kind's own tables. What differs per kind (how one is
// created, its list's parser and page) comes from the table below, never from the core.

let db: Db;
setUpTestDatabase((created) => (db = created.db));

type Case = {
  kind: TicketKind;
  create: (
    actor: UserActor,
    title: string,
    owner: string,
  ) => Promise<{ id: string; number: number }>;
  parse: (query: URLSearchParams, viewer: Awaited<ReturnType<typeof getListViewer>>) => unknown;
  page: (
    params: never,
    limit: number,
  ) => Promise<{
    rows: { id: string; title: string }[];
    nextCursor: string | null;
    prevCursor: string | null;
  }>;
  stream: (params: never, timeZone: string) => ReadableStream<Uint8Array>;
  fileName: (now: Date, timeZone: string) => string;
};

// Each kind's own entry points, as [descriptor, create, parse, page, stream, file name].
const cases: Case[] = [
  [
    incidentKind,
    async (actor: UserActor, title: string, owner: string) =>
      (await createIncident(db, actor, { title, owner })).incident,
    parseIncidentListParams,
    (params: never, limit: number) => getIncidentPage(db, params, { limit }),
    (params: never, zone: string) => streamIncidentsCsv(db, params, zone),
    exportFileName,
  ] as const,
  [
    taskKind,
    async (actor: UserActor, title: string, owner: string) =>
      (await createTask(db, actor, { title, owner })).task,
    parseTaskListParams,
    (params: never, limit: number) => getTaskPage(db, params, { limit }),
    (params: never, zone: string) => streamTasksCsv(db, params, zone),
    taskExportFileName,
  ] as const,
].map(
  ([kind, create, parse, page, stream, fileName]) =>
    ({ kind, create, parse, page, stream, fileName }) as Case,
);

describe.each(cases)(
  'the ticket core for $kind.noun',
  ({ kind, create, parse, page, stream, fileName }) => {
    async function setUp() {
      const team = await insertTeam(db, kind.noun);
      const owner = actorOf(await insertUser(db, 'user', { name: `${kind.noun} owner` }));
      const colleague = actorOf(
        await insertUser(db, 'user', { name: `${kind.noun} colleague`, teamIds: [team] }),
      );
      const reader = actorOf(await insertUser(db, 'read_only'));
      const ticket = await create(owner, `A ${kind.noun} for the core`, `user:${owner.userId}`);
      return { team, owner, colleague, reader, ticket };
    }

    it('finds the ticket by number and locks it for update, refusing a stale version with who changed it', async () => {
      const { owner, ticket } = await setUp();
      expect(await getTicketIdByNumber(db, kind, ticket.number)).toBe(ticket.id);
      expect(await getTicketIdByNumber(db, kind, 999_999)).toBeUndefined();
      const row = await db.transaction((tx) => loadTicketForUpdate(tx, kind, owner, ticket.id, 1));
      expect(row).toMatchObject({ id: ticket.id, version: 1 });
      const stale = await rejection(
        db.transaction((tx) => loadTicketForUpdate(tx, kind, owner, ticket.id, 7)),
      );
      expect(stale).toBeInstanceOf(ConflictError);
      expect((stale as Error).message).toContain(`This ${kind.noun} was changed by`);
      const missing = await rejection(
        db.transaction((tx) =>
          loadTicketForUpdate(tx, kind, owner, '00000000-0000-4000-8000-000000000000'),
        ),
      );
      expect((missing as Error).message).toBe(`That ${kind.noun} does not exist.`);
    });

    it('replaces watchers and policies, and describes the change by name', async () => {
      const { colleague, ticket } = await setUp();
      const [policy] = await db
        .insert(policies)
        .values({ framework: 'FFIEC', reference: `${kind.noun}-1`, title: 'Monitoring' })
        .returning();
      const changes = await db.transaction((tx) =>
        changeRelations(tx, kind, ticket.id, {
          watchers: [{ userId: colleague.userId, frequency: 'opened_closed' }],
          policyIds: [policy.id, policy.id],
        }),
      );
      expect(changes).toEqual({
        watchers: { old: [], new: [`${kind.noun} colleague (opened and closed)`] },
        policies: { old: [], new: [`FFIEC ${kind.noun}-1`] },
      });
      const again = await db.transaction((tx) =>
        changeRelations(tx, kind, ticket.id, {
          watchers: [{ userId: colleague.userId, frequency: 'opened_closed' }],
        }),
      );
      expect(again).toEqual({});
      await db.transaction(async (tx) => {
        expect(await describeWatchers(tx, kind, ticket.id)).toEqual([
          `${kind.noun} colleague (opened and closed)`,
        ]);
        expect(await describePolicies(tx, kind, ticket.id)).toEqual([`FFIEC ${kind.noun}-1`]);
      });
    });

    it('adds notes, lets only their author edit them against the version shown, and logs both', async () => {
      const { owner, colleague, reader, ticket } = await setUp();
      const note = await addNote(db, kind, owner, ticket.id, { body: 'First look' });
      expect(note).toMatchObject({ body: 'First look', version: 1, authorId: owner.userId });
      expect(await rejection(addNote(db, kind, reader, ticket.id, { body: 'no' }))).toBeInstanceOf(
        ForbiddenError,
      );
      expect(
        await rejection(
          editNote(db, kind, colleague, ticket.id, note.id, { body: 'mine now', version: 1 }),
        ),
      ).toBeInstanceOf(ForbiddenError);
      const edited = await editNote(db, kind, owner, ticket.id, note.id, {
        body: 'First look, corrected',
        version: 1,
      });
      expect(edited).toMatchObject({ body: 'First look, corrected', version: 2 });
      expect(
        await rejection(
          editNote(db, kind, owner, ticket.id, note.id, { body: 'from an old window', version: 1 }),
        ),
      ).toBeInstanceOf(ConflictError);
      expect(
        await rejection(
          editNote(db, kind, owner, ticket.id, '00000000-0000-4000-8000-000000000000', {
            body: 'x',
            version: 1,
          }),
        ),
      ).toBeInstanceOf(NotFoundError);

      const actions = (
        await db.select().from(activityLog).where(eq(activityLog.entityId, ticket.id))
      ).map((r) => r.action);
      expect(actions).toEqual(
        expect.arrayContaining([`${kind.entityType}.note-added`, `${kind.entityType}.note-edited`]),
      );
      const queued = await db.select().from(outbox).where(eq(outbox.kind, 'notification'));
      expect(queued.some((row) => JSON.stringify(row.payload).includes('First look'))).toBe(true);
    });

    it('stores attachments with the type from their bytes and serves them only for their own ticket', async () => {
      const { owner, reader, ticket } = await setUp();
      const other = await create(owner, `Another ${kind.noun}`, '');
      const stored = await addAttachment(db, kind, owner, ticket.id, {
        fileName: '../evidence.txt',
        data: Buffer.from('plain words\n'),
      });
      expect(stored).toMatchObject({
        fileName: 'evidence.txt',
        contentType: 'text/plain',
        sizeBytes: 12,
      });
      expect((await getAttachment(db, kind, ticket.id, stored.id)).data.toString()).toBe(
        'plain words\n',
      );
      expect(await rejection(getAttachment(db, kind, other.id, stored.id))).toBeInstanceOf(
        NotFoundError,
      );
      expect(
        await rejection(
          addAttachment(db, kind, reader, ticket.id, {
            fileName: 'a.txt',
            data: Buffer.from('no'),
          }),
        ),
      ).toBeInstanceOf(ForbiddenError);
    });

    it('loads the detail: owner, creator, watchers, policies, notes and attachments from the kind’s tables', async () => {
      const { owner, colleague, ticket } = await setUp();
      await db.transaction((tx) =>
        changeRelations(tx, kind, ticket.id, {
          watchers: [{ userId: colleague.userId, frequency: 'all' }],
        }),
      );
      await addNote(db, kind, owner, ticket.id, { body: 'Evidence attached' });
      await addAttachment(db, kind, owner, ticket.id, {
        fileName: 'log.txt',
        data: Buffer.from('line\n'),
      });
      const row = await findTicket(db, kind, { number: ticket.number });
      const children = await getTicketChildren(db, kind, row!);
      expect(children.owner).toEqual({
        type: 'user',
        id: owner.userId,
        name: `${kind.noun} owner`,
      });
      expect(children.createdByName).toBe(`${kind.noun} owner`);
      expect(children.watchers.map((w) => w.name)).toEqual([`${kind.noun} colleague`]);
      expect(children.notes.map((n) => n.body)).toEqual(['Evidence attached']);
      expect(children.attachments.map((a) => [a.fileName, a.uploadedByName])).toEqual([
        ['log.txt', `${kind.noun} owner`],
      ]);
    });

    it('pages its list by keyset cursor forward and back, and exports it with download headers', async () => {
      const { owner } = await setUp();
      const tag = `paging-${kind.noun}-${Date.now()}`;
      for (const n of [1, 2, 3]) await create(owner, `${tag} ${n}`, `user:${owner.userId}`);
      const viewer = await getListViewer(db, { id: owner.userId, timeZone: 'America/Chicago' });
      const paramsOf = (query: string) => parse(new URLSearchParams(query), viewer) as never;
      const first = await page(paramsOf(`q=${tag}&sort=created`), 2);
      expect(first.rows).toHaveLength(2);
      expect(first.prevCursor).toBeNull();
      const second = await page(paramsOf(`q=${tag}&sort=created&cursor=${first.nextCursor}`), 2);
      expect(second.rows.map((r) => r.title)).toEqual([`${tag} 3`]);
      expect(second.nextCursor).toBeNull();
      const back = await page(paramsOf(`q=${tag}&sort=created&cursor=${second.prevCursor}`), 2);
      expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));

      const csv = parseCsv(
        (await readAll(stream(paramsOf(`q=${tag}&sort=created`), 'America/Chicago'))).replace(
          /^\uFEFF/,
          '',
        ),
      );
      expect(csv[0]).toEqual(
        expect.arrayContaining(['Number', 'Title', 'Owner', 'Watchers', 'Policies']),
      );
      expect(csv.slice(1).map((r) => r[1])).toEqual([`${tag} 1`, `${tag} 2`, `${tag} 3`]);
      expect(csv[1][0]).toMatch(new RegExp(`^${kind.numberPrefix}-\\d+$`));
      const name = fileName(new Date('2026-11-28T20:05:00Z'), 'America/Chicago');
      expect(name).toBe(`vigil-${kind.plural}-20261128-1405.csv`);
      expect(csvDownloadHeaders(name)).toEqual({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
    });
  },
);

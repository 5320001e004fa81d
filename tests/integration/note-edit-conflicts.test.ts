import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { activityLog, incidentNotes, taskNotes, users, type User } from '@/db/schema';
import type { UserActor } from '@/lib/auth/actor';
import { ConflictError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { addIncidentNote, editIncidentNote } from '@/lib/incidents/evidence';
import { createTask } from '@/lib/tasks/create-task';
import { addTaskNote, editTaskNote } from '@/lib/tasks/evidence';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';
import { actorOf } from '../support/ticket-fixtures';

// A note edited in two windows: the second save names the version its form was rendered
// with, which the first save made stale. It must be refused, not overwrite the newer text.

let db: Db;
let author: UserActor;

const test = setUpTestDatabase(async () => {
  db = test.db;
  const [user]: User[] = await db
    .insert(users)
    .values({
      email: 'note-author@example.com',
      name: 'Noor Author',
      role: 'user',
      timeZone: 'America/Chicago',
    })
    .returning();
  author = actorOf(user);
});

const kinds = {
  incident: {
    async note(body: string) {
      const { incident } = await createIncident(db, author, {
        title: 'Suspicious PowerShell on WS-0042',
      });
      return {
        itemId: incident.id,
        note: await addIncidentNote(db, author, incident.id, { body }),
      };
    },
    edit: (itemId: string, noteId: string, input: { body: string; version: number }) =>
      editIncidentNote(db, author, itemId, noteId, input),
    stored: async (noteId: string) =>
      (await db.select().from(incidentNotes).where(eq(incidentNotes.id, noteId)))[0],
    action: 'incident.note-edited',
  },
  task: {
    async note(body: string) {
      const { task } = await createTask(db, author, { title: 'Quarterly access review' });
      return { itemId: task.id, note: await addTaskNote(db, author, task.id, { body }) };
    },
    edit: (itemId: string, noteId: string, input: { body: string; version: number }) =>
      editTaskNote(db, author, itemId, noteId, input),
    stored: async (noteId: string) =>
      (await db.select().from(taskNotes).where(eq(taskNotes.id, noteId)))[0],
    action: 'task.note-edited',
  },
};

describe.each(Object.entries(kinds))('editing a note on an %s', (_kind, kind) => {
  it('refuses a save against a stale version with a conflict and keeps the newer text', async () => {
    const { itemId, note } = await kind.note('Host is 10.0.0.5');
    const first = await kind.edit(itemId, note.id, {
      body: 'Host is 10.0.0.6',
      version: note.version,
    });
    expect(first.version).toBe(note.version + 1);

    const error = await rejection(
      kind.edit(itemId, note.id, {
        body: 'Host is 10.0.0.7 (from the old window)',
        version: note.version,
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/reload/);
    expect(await kind.stored(note.id)).toMatchObject({
      body: 'Host is 10.0.0.6',
      version: first.version,
    });
    const edits = await db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.entityId, itemId), eq(activityLog.action, kind.action)));
    expect(edits.map((e) => e.changes.note)).toEqual([
      { old: 'Host is 10.0.0.5', new: 'Host is 10.0.0.6' },
    ]);
  });

  it('saves against the current version', async () => {
    const { itemId, note } = await kind.note('First draft');
    const once = await kind.edit(itemId, note.id, { body: 'Second draft', version: note.version });
    const twice = await kind.edit(itemId, note.id, { body: 'Final', version: once.version });
    expect(await kind.stored(note.id)).toMatchObject({ body: 'Final', version: twice.version });
  });
});

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activityLog, incidents, organization, type User } from '@/db/schema';
import { systemActor, type UserActor } from '@/lib/auth/actor';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { MAX_ATTACHMENT_BYTES, safeFileName } from '@/lib/attachments/file-content';
import {
  addIncidentAttachment,
  addIncidentNote,
  editIncidentNote,
  getIncidentAttachment,
} from '@/lib/incidents/evidence';
import { createIncident } from '@/lib/incidents/create-incident';
import { getIncidentDetail } from '@/lib/incidents/get-incident';
import { linkIncidents, unlinkIncidents } from '@/lib/incidents/links';
import { addHoliday, updateOrganization } from '@/lib/organization/update-organization';
import { createTeam } from '@/lib/teams/teams';
import { createUser } from '@/lib/users/create-user';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';

const system = systemActor('test');
let owner: UserActor;
let colleague: UserActor;
let teamMember: UserActor;
let auditor: UserActor;
let admin: UserActor;
let teamId: string;

const actorOf = (user: User): UserActor => ({
  kind: 'user',
  userId: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
});
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fe0dbd8ab00000000049454e44ae426082',
  'hex',
);

const test = setUpTestDatabase(async () => {
  const make = async (email: string, role: User['role'], teamIds: string[] = []) =>
    actorOf(
      (
        await createUser(test.db, system, {
          email,
          name: email.split('@')[0],
          role,
          password: 'a long enough password',
          teamIds,
        })
      ).user,
    );
  teamId = (await createTeam(test.db, system, { name: 'TRAC' })).id;
  owner = await make('owner@example.com', 'user');
  colleague = await make('colleague@example.com', 'user');
  teamMember = await make('member@example.com', 'user', [teamId]);
  auditor = await make('auditor@example.com', 'read_only');
  admin = await make('admin@example.com', 'admin');
});

async function open(title: string, ownerKey = `user:${owner.userId}`) {
  return (await createIncident(test.db, colleague, { title, owner: ownerKey, severity: 'high' }))
    .incident;
}

describe('notes', () => {
  it('counts only an owner’s first note as the response', async () => {
    const incident = await open('notes and responses');
    await addIncidentNote(test.db, colleague, incident.id, {
      body: 'Not the owner: the clock keeps running.',
    });
    expect((await getIncidentDetail(test.db, { id: incident.id }))!.respondedAt).toBeNull();
    const note = await addIncidentNote(test.db, owner, incident.id, {
      body: 'Owner here, looking.',
    });
    const after = await getIncidentDetail(test.db, { id: incident.id });
    expect(after!.respondedAt?.getTime()).toBe(note.createdAt.getTime());
    expect(after!.notes.map((n) => n.body)).toEqual([
      'Not the owner: the clock keeps running.',
      'Owner here, looking.',
    ]);
  });

  it('counts a note by a member of the owning team as the owner’s', async () => {
    const incident = await open('team owned', `team:${teamId}`);
    await addIncidentNote(test.db, teamMember, incident.id, { body: 'TRAC is on it.' });
    expect((await getIncidentDetail(test.db, { id: incident.id }))!.respondedAt).not.toBeNull();
  });

  it('lets only the author edit a note, and keeps the earlier text in the log', async () => {
    const incident = await open('edits');
    const note = await addIncidentNote(test.db, owner, incident.id, { body: 'Host is 10.0.0.5' });
    expect(
      await rejection(
        editIncidentNote(test.db, colleague, incident.id, note.id, {
          body: 'changed',
          version: note.version,
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    await editIncidentNote(test.db, owner, incident.id, note.id, {
      body: 'Host is 10.0.0.6',
      version: note.version,
    });
    const [logged] = await test.db
      .select()
      .from(activityLog)
      .where(
        and(eq(activityLog.entityId, incident.id), eq(activityLog.action, 'incident.note-edited')),
      );
    expect(logged.changes).toEqual({ note: { old: 'Host is 10.0.0.5', new: 'Host is 10.0.0.6' } });
    const detail = await getIncidentDetail(test.db, { id: incident.id });
    expect(detail!.notes[0].editedAt).not.toBeNull();
  });

  it('refuses empty notes and read-only users', async () => {
    const incident = await open('refusals');
    const empty = await rejection(addIncidentNote(test.db, owner, incident.id, { body: '   ' }));
    expect((empty as ValidationError).fieldErrors.body).toBe('Write the note first.');
    expect(
      await rejection(addIncidentNote(test.db, auditor, incident.id, { body: 'hello' })),
    ).toBeInstanceOf(ForbiddenError);
  });
});

describe('attachments', () => {
  it('detects the type from the bytes, not the name, and keeps the exact bytes', async () => {
    const incident = await open('evidence');
    const png = await addIncidentAttachment(test.db, owner, incident.id, {
      fileName: 'notes.txt',
      data: PNG,
    });
    expect(png.contentType).toBe('image/png');
    const text = await addIncidentAttachment(test.db, owner, incident.id, {
      fileName: 'x.exe',
      data: Buffer.from('plain words\n'),
    });
    expect(text.contentType).toBe('text/plain');
    const stored = await getIncidentAttachment(test.db, incident.id, png.id);
    expect(Buffer.compare(stored.data, PNG)).toBe(0);
    const log = await test.db
      .select()
      .from(activityLog)
      .where(
        and(
          eq(activityLog.entityId, incident.id),
          eq(activityLog.action, 'incident.attachment-added'),
        ),
      );
    expect(log).toHaveLength(2);
  });

  it('refuses empty and oversized files before storing anything', async () => {
    const incident = await open('limits');
    const empty = await rejection(
      addIncidentAttachment(test.db, owner, incident.id, { fileName: 'a', data: Buffer.alloc(0) }),
    );
    expect((empty as ValidationError).fieldErrors.file).toBe('The file is empty.');
    const big = await rejection(
      addIncidentAttachment(test.db, owner, incident.id, {
        fileName: 'a',
        data: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1),
      }),
    );
    expect((big as ValidationError).fieldErrors.file).toBe('Files can be at most 25 MB.');
    expect((await getIncidentDetail(test.db, { id: incident.id }))!.attachments).toHaveLength(0);
  });

  it('strips paths and control characters from file names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\report "final".pdf')).toBe('report final.pdf');
    expect(safeFileName('\u0000\u001f')).toBe('attachment');
  });
});

describe('links', () => {
  it('shows a link on both sides, worded for each', async () => {
    const original = await open('original');
    const duplicate = await open('duplicate');
    await linkIncidents(test.db, owner, duplicate.id, {
      targetNumber: original.number,
      kind: 'duplicate_of',
    });
    const fromDuplicate = await getIncidentDetail(test.db, { id: duplicate.id });
    const fromOriginal = await getIncidentDetail(test.db, { id: original.id });
    expect(fromDuplicate!.links.map((l) => [l.relation, l.number])).toEqual([
      ['duplicate of', original.number],
    ]);
    expect(fromOriginal!.links.map((l) => [l.relation, l.number])).toEqual([
      ['duplicated by', duplicate.number],
    ]);
  });

  it('refuses self links, unknown numbers and the same link twice', async () => {
    const a = await open('a');
    const b = await open('b');
    expect(
      (
        (await rejection(
          linkIncidents(test.db, owner, a.id, { targetNumber: a.number, kind: 'related' }),
        )) as ValidationError
      ).fieldErrors.targetNumber,
    ).toMatch(/itself/);
    expect(
      (
        (await rejection(
          linkIncidents(test.db, owner, a.id, { targetNumber: 999_999, kind: 'related' }),
        )) as ValidationError
      ).fieldErrors.targetNumber,
    ).toBe('There is no INC-999999.');
    await linkIncidents(test.db, owner, a.id, { targetNumber: b.number, kind: 'related' });
    expect(
      await rejection(
        linkIncidents(test.db, owner, b.id, { targetNumber: a.number, kind: 'related' }),
      ),
    ).toBeInstanceOf(ValidationError);
  });

  it('logs unlinking on both incidents', async () => {
    const parent = await open('parent');
    const child = await open('child');
    const link = await linkIncidents(test.db, owner, parent.id, {
      targetNumber: child.number,
      kind: 'parent_of',
    });
    await unlinkIncidents(test.db, owner, child.id, link.id);
    const rows = await test.db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'incident.unlinked'));
    expect(rows.map((r) => r.entityId).sort()).toEqual([parent.id, child.id].sort());
    expect((await getIncidentDetail(test.db, { id: parent.id }))!.links).toEqual([]);
  });
});

describe('organization settings', () => {
  it('are for administrators, and the webhook pages on-call for Medium incidents', async () => {
    expect(
      await rejection(addHoliday(test.db, owner, { day: '2026-12-25', name: 'Christmas' })),
    ).toBeInstanceOf(ForbiddenError);
    await test.db
      .insert(organization)
      .values({ name: 'Bank', timeZone: 'America/Chicago' })
      .onConflictDoNothing();
    await updateOrganization(test.db, admin, {
      name: 'Bank',
      timeZone: 'America/Chicago',
      onCallInstructions: 'Call now.',
      onCallPhone: '+1 555 0100',
    });
    const bad = await rejection(addHoliday(test.db, admin, { day: '25/12/2026', name: 'x' }));
    expect((bad as ValidationError).fieldErrors.day).toMatch(/YYYY-MM-DD/);
    const urgent = await createIncident(test.db, owner, { title: 'paged', severity: 'medium' });
    const [row] = await test.db
      .select()
      .from(incidents)
      .where(eq(incidents.id, urgent.incident.id));
    expect(row.responseDueAt.getTime() - row.createdAt.getTime()).toBe(12 * 3_600_000);
  });
});

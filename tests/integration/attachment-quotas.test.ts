import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import type { UserActor } from '@/lib/auth/actor';
import { DomainError } from '@/lib/errors';
import { createIncident } from '@/lib/incidents/create-incident';
import { incidentKind } from '@/lib/incidents/ticket-kind';
import { createTask } from '@/lib/tasks/create-task';
import { taskKind } from '@/lib/tasks/ticket-kind';
import { addAttachment } from '@/lib/tickets/attachments';
import { rejection, setUpTestDatabase } from '../support/test-database-hooks';
import { actorOf, insertUser } from '../support/ticket-fixtures';

// Task attachments can never be deleted, so without a quota anyone who may work a ticket
// could fill the disk. Each item holds at most VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB, the whole
// installation (incidents and tasks together) VIGIL_ATTACHMENT_QUOTA_TOTAL_MB; an upload past
// either is refused naming the limit and what is used, and nothing is written.

const saved = { ...process.env };
process.env.VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB = '1';
process.env.VIGIL_ATTACHMENT_QUOTA_TOTAL_MB = '2';
afterAll(() => {
  process.env.VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB = saved.VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB;
  process.env.VIGIL_ATTACHMENT_QUOTA_TOTAL_MB = saved.VIGIL_ATTACHMENT_QUOTA_TOTAL_MB;
});

let db: Db;
let actor: UserActor;
setUpTestDatabase(async (created) => {
  db = created.db;
  actor = actorOf(await insertUser(db, 'power_user'));
});

// Random bytes are application/octet-stream: allowed, and never compressed by anything.
const file = (kb: number) => ({ fileName: `${kb}k.bin`, data: randomBytes(kb * 1024) });

async function counts() {
  const [row] = await db.execute<{ files: number; activity: number; outbox: number }>(sql`
    select (select count(*) from incident_attachments)::int
         + (select count(*) from task_attachments)::int as files,
           (select count(*) from activity_log)::int as activity,
           (select count(*) from outbox)::int as outbox`);
  return row;
}

describe('attachment quotas', () => {
  it('refuses a file that would take an item past its quota, naming limit and usage', async () => {
    const { incident } = await createIncident(db, actor, { title: 'Full of evidence' });
    await addAttachment(db, incidentKind, actor, incident.id, file(700));
    const before = await counts();

    const error = await rejection(addAttachment(db, incidentKind, actor, incident.id, file(400)));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(413);
    expect((error as DomainError).message).toMatch(/1 MB/);
    expect((error as DomainError).message).toMatch(/700(\.0)? KB/);
    expect(await counts()).toEqual(before);

    // A file that still fits is taken.
    await addAttachment(db, incidentKind, actor, incident.id, file(200));
  });

  it('refuses a file that would take the installation past its total, across kinds', async () => {
    // 900 KB stored by the test above; 900 more here makes 1.8 MB of the 2 MB.
    const { incident } = await createIncident(db, actor, { title: 'Second' });
    await addAttachment(db, incidentKind, actor, incident.id, file(900));
    const { task } = await createTask(db, actor, { title: 'Collect more' });
    const before = await counts();

    const error = await rejection(addAttachment(db, taskKind, actor, task.id, file(300)));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(413);
    expect((error as DomainError).message).toMatch(/2 MB/);
    expect((error as DomainError).message).toMatch(/1\.8 MB/);
    expect(await counts()).toEqual(before);
  });
});

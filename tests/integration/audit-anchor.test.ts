import { eq, sql } from 'drizzle-orm';
import type { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { activityLog, devMailbox, outbox, type OutboxRow } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createDevMailboxTransport } from '@/lib/email/dev-mailbox-transport';
import { createUser } from '@/lib/users/create-user';
import { anchorAuditChainJob } from '@/jobs/anchor-audit-chain';
import { captureLogs } from '../support/log-capture';
import { setUpTestDatabase } from '../support/test-database-hooks';

// The daily anchor, run as the worker runs it (as the runtime role): the head hash goes to the
// log output, to every active administrator by email, and into the activity log, once a day.

const MAIL = {
  publicUrl: 'https://vigil.test',
  authSecret: 'audit-anchor-test-secret'.padEnd(40, 'x'),
};
let runtime: Db;
const test = setUpTestDatabase(async (created) => {
  for (const [email, role] of [
    ['ada@bank.test', 'admin'],
    ['bob@bank.test', 'admin'],
    ['cy@bank.test', 'user'],
  ] as const)
    await createUser(created.db, systemActor('test'), { email, name: email, role, invite: false });
});
beforeAll(() => {
  runtime = createDb(test.runtimeUrl, { max: 3 });
});
afterAll(() => runtime?.close());

const runJob = () =>
  anchorAuditChainJob.handle({}, { db: runtime, queue: {} as Queue, log: () => {} }, {} as Job);

async function anchorEmails(): Promise<OutboxRow[]> {
  return test.db.select().from(outbox).where(eq(outbox.topic, 'audit-anchor')).orderBy(outbox.id);
}

describe('the daily audit anchor', () => {
  it('logs the head hash, mails it to each administrator and records it, once a day', async () => {
    const [head] = (await test.db.execute(
      sql`select hash from activity_chain order by seq desc limit 1`,
    )) as unknown as { hash: string }[];
    const logs = captureLogs();
    let result;
    try {
      result = await runJob();
    } finally {
      logs.stop();
    }
    expect(result).toMatchObject({
      anchored: true,
      headHash: head.hash,
      broken: null,
      recipients: 2,
    });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'audit chain anchored',
        headHash: head.hash,
      }),
    );

    const emails = await anchorEmails();
    expect(emails.map((e) => (e.payload as { to: string }).to).sort()).toEqual([
      'ada@bank.test',
      'bob@bank.test',
    ]);
    const transport = createDevMailboxTransport(test.db);
    await createEmailDeliverer(MAIL, transport, 'Vigil <vigil@bank.test>')(emails[0]);
    const [message] = await test.db
      .select()
      .from(devMailbox)
      .where(eq(devMailbox.outboxId, emails[0].id));
    expect(message.subject).toBe(
      `Audit trail anchor for ${new Date().toISOString().slice(0, 10)}: ${head.hash.slice(0, 16)}`,
    );
    expect(message.text).toContain(head.hash);
    expect(message.text).toContain('you are a Vigil administrator');

    const recorded = await test.db
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, 'audit.anchored'));
    expect(recorded).toHaveLength(1);
    expect(recorded[0].changes.headHash.new).toBe(head.hash);

    // A second run the same day (a retry, a second worker) does nothing.
    expect(await runJob()).toMatchObject({ anchored: false });
    expect(await anchorEmails()).toHaveLength(2);
  });

  it('says in the mail when the chain no longer verifies', async () => {
    const [{ id }] = (await test.db.execute(
      sql`select min(id)::int as id from activity_log`,
    )) as unknown as { id: number }[];
    await test.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update activity_log set actor_label = 'forged' where id = ${id}`);
      // Yesterday's anchor is gone from the key's point of view: anchor "today" again.
      await tx.execute(
        sql`update activity_log set entity_id = '2000-01-01' where action = 'audit.anchored'`,
      );
    });
    const logs = captureLogs();
    let result;
    try {
      result = await runJob();
    } finally {
      logs.stop();
    }
    expect(result).toMatchObject({
      anchored: true,
      broken: expect.stringContaining(`activity row ${id}`),
    });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'audit chain anchored' }),
    );
    const last = (await anchorEmails()).at(-1)!;
    expect((last.payload as { props: { broken: string } }).props.broken).toMatch(/content changed/);
  });
});

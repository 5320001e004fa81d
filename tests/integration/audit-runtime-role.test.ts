import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { pgErrorCode } from '@/db/errors';
import { incidentAttachments, incidentNotes, taskAttachments, taskNotes, tasks } from '@/db/schema';
import { describeRoleRisk } from '@/db/runtime-grants';
import { systemActor } from '@/lib/auth/actor';
import { createUser } from '@/lib/users/create-user';
import { insertIncidents } from '../support/incident-fixtures';
import { setUpTestDatabase } from '../support/test-database-hooks';

// The attack of issue 13: the application's own database role tries to rewrite evidence.
// It owns nothing (db/runtime-grants.ts), so it can neither switch the triggers off nor
// drop them, and it lacks UPDATE, DELETE and TRUNCATE on the evidence tables themselves.

let owner: Db;
let runtime: Db;
const test = setUpTestDatabase((created) => (owner = created.db));

beforeAll(async () => {
  runtime = createDb(test.runtimeUrl, { max: 2, applicationName: 'vigil-test-runtime' });
  const [incident] = await insertIncidents(owner, [{ title: 'Evidence' }]);
  const [task] = await owner.insert(tasks).values({ title: 'Quarterly review' }).returning();
  const file = {
    fileName: 'a.txt',
    contentType: 'text/plain',
    sizeBytes: 1,
    sha256: 'x',
    data: Buffer.from('a'),
  };
  await owner.insert(taskNotes).values({ taskId: task.id, authorLabel: 'A', body: 'seen' });
  await owner.insert(taskAttachments).values({ taskId: task.id, ...file });
  await owner
    .insert(incidentNotes)
    .values({ incidentId: incident.id, authorLabel: 'A', body: 'seen' });
  await owner.insert(incidentAttachments).values({ incidentId: incident.id, ...file });
  await createUser(owner, systemActor('test'), { email: 'a@example.com', name: 'A', role: 'user' });
});
afterAll(() => runtime?.close());

const EVIDENCE = [
  'activity_log',
  'activity_chain',
  'tasks',
  'task_notes',
  'task_attachments',
  'incident_notes',
  'incident_attachments',
] as const;

async function sqlState(db: Db, statement: string): Promise<string | undefined> {
  try {
    await db.execute(sql.raw(statement));
  } catch (error) {
    return pgErrorCode(error);
  }
  return 'succeeded';
}

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of EVIDENCE) {
    const [{ n }] = (await owner.execute(
      sql.raw(`select count(*)::int as n from ${table}`),
    )) as unknown as { n: number }[];
    result[table] = n;
  }
  return result;
}

describe('the runtime role', () => {
  it('owns nothing and is no superuser, so the boot check has nothing to warn about', async () => {
    expect(await describeRoleRisk(runtime)).toBeNull();
    expect(await describeRoleRisk(owner)).toMatchObject({ superuser: true });
  });

  it.each(EVIDENCE)('cannot disable, drop, update, delete or truncate on %s', async (table) => {
    const before = await counts();
    expect(before[table]).toBeGreaterThan(0);
    const [trigger] = (await owner.execute(sql`
      select tgname from pg_trigger where tgrelid = ${table}::regclass and not tgisinternal
      limit 1`)) as unknown as { tgname: string }[];
    expect(trigger, `${table} has a protecting trigger`).toBeDefined();

    // 42501 insufficient_privilege: "must be owner of table".
    expect(await sqlState(runtime, `alter table ${table} disable trigger user`)).toBe('42501');
    expect(await sqlState(runtime, `alter table ${table} disable trigger all`)).toBe('42501');
    expect(await sqlState(runtime, `drop trigger "${trigger.tgname}" on ${table}`)).toBe('42501');
    expect(await sqlState(runtime, `truncate ${table} cascade`)).toBe('42501');
    expect(await sqlState(runtime, `delete from ${table}`)).toBe('42501');
    expect(await sqlState(runtime, `drop table ${table} cascade`)).toBe('42501');
    if (table !== 'tasks') {
      const column = table.endsWith('_notes')
        ? 'author_label'
        : table.endsWith('attachments')
          ? 'data'
          : 'hash';
      const column2 = table === 'activity_log' ? 'action' : column;
      expect(await sqlState(runtime, `update ${table} set ${column2} = ${column2}`)).toBe('42501');
    }
    expect(await counts()).toEqual(before);
  });

  it('may still do what the application does: change a task, correct a note, add a row', async () => {
    expect(await sqlState(runtime, `update tasks set title = 'Renamed'`)).toBe('succeeded');
    expect(
      await sqlState(
        runtime,
        `update task_notes set body = 'corrected', version = version + 1, edited_at = now()`,
      ),
    ).toBe('succeeded');
    expect(await sqlState(runtime, `update incident_notes set body = 'corrected'`)).toBe(
      'succeeded',
    );
    expect(
      await sqlState(
        runtime,
        `insert into activity_log (actor_label, action, entity_type, entity_id) values ('t', 'user.updated', 'user', 'x')`,
      ),
    ).toBe('succeeded');
    // …but it cannot forge a link of the chain; its trigger writes those.
    expect(
      await sqlState(
        runtime,
        `insert into activity_chain (seq, activity_id, hash) values (999999, 1, 'x')`,
      ),
    ).toBe('42501');
  });

  it('cannot change who wrote a note, even as the owner', async () => {
    expect(await sqlState(owner, `update task_notes set author_label = 'Someone else'`)).toBe(
      '42501',
    );
    expect(await sqlState(owner, `update incident_attachments set data = '\\x00'`)).toBe('42501');
  });

  it('creates and removes event partitions through the owner functions', async () => {
    expect(await sqlState(runtime, `select events_ensure_partition('2020-01-02')`)).toBe(
      'succeeded',
    );
    expect(await sqlState(runtime, `select events_remove_partition('events_20200102')`)).toBe(
      'succeeded',
    );
    expect(await sqlState(runtime, `select events_remove_partition('activity_log')`)).toBe('22023');
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '@/db/client';
import { systemActor } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';

// The built app behind no proxy: the address recorded as evidence is the socket's, whatever
// X-Forwarded-For a client makes up (and a client's X-Vigil-Peer-Address is overwritten).
const appUrl = inject('appUrl');

describe('the client address in the built app', () => {
  let db: Db;
  let token: string;

  beforeAll(async () => {
    db = createDb(inject('appDatabaseUrl'), { max: 2 });
    const [admin] = await db.execute<{ id: string }>(
      sql`select id from users where lower(email) = lower(${inject('adminEmail')})`,
    );
    token = (
      await createApiToken(db, systemActor('test'), {
        userId: admin.id,
        name: 'client address e2e',
      })
    ).token;
  });
  afterAll(() => db.$client.end());

  it('is the socket peer, not a forged X-Forwarded-For', async () => {
    const title = `Forged forwarding ${crypto.randomUUID()}`;
    const response = await fetch(`${appUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.99',
        'x-vigil-peer-address': '203.0.113.98',
      },
      body: JSON.stringify({ title, severity: 'low' }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const rows = await db.execute<{ address: string | null }>(
      sql`select client_address as address from activity_log
            where entity_id = ${id} and action = 'incident.created'`,
    );
    expect(rows.map((r) => r.address)).toEqual(['127.0.0.1']);
  });
});

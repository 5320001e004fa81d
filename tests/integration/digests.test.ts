import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { digestItems, digestsSent, notificationPreferences, outbox, users } from '@/db/schema';
import { renderEmail } from '@/lib/email/render-email';
import { sendDueDigests } from '@/lib/notifications/send-digests';
import { setUpTestDatabase } from '../support/test-database-hooks';

const CONTEXT = { publicUrl: 'https://vigil.test' };
let db: Db;

setUpTestDatabase((created) => (db = created.db));

async function digestUser(name: string, timeZone: string, digestHour: number) {
  const [u] = await db
    .insert(users)
    .values({ email: `${name}@bank.test`, name, timeZone })
    .returning();
  await db.insert(notificationPreferences).values({ userId: u.id, delivery: 'digest', digestHour });
  return u;
}

async function item(userId: string, reference: string, line: string, at: string) {
  await db.insert(digestItems).values({
    userId,
    entityType: 'incident',
    entityId: reference,
    item: {
      reference,
      title: `Title of ${reference}`,
      url: `https://vigil.test/incidents/${reference.slice(4)}`,
      line,
      occurredAt: at,
    },
    createdAt: new Date(at),
  });
}

async function digestsFor(email: string) {
  return (await db.select().from(outbox).where(eq(outbox.topic, 'daily-digest'))).filter(
    (r) => (r.payload as { to: string }).to === email,
  );
}

describe('daily digests', () => {
  it('goes out at each user’s hour in their own zone, grouped by item, once per day', async () => {
    const chicago = await digestUser('chicago', 'America/Chicago', 8); // 08:00 CDT = 13:00Z
    const tokyo = await digestUser('tokyo', 'Asia/Tokyo', 8); // 08:00 JST = 23:00Z the day before
    for (const u of [chicago, tokyo]) {
      await item(u.id, 'INC-1001', 'Dana opened it', '2026-04-13T15:00:00Z');
      await item(u.id, 'INC-1002', 'Dana opened it', '2026-04-13T16:00:00Z');
      await item(
        u.id,
        'INC-1001',
        'Justin changed State: Triage → Analysis',
        '2026-04-13T17:00:00Z',
      );
    }

    // 2026-04-13 22:59Z: before Tokyo's 08:00 on the 14th, after Chicago's 08:00 on the 13th —
    // but Chicago's items all came after that slot, so nobody is due.
    expect(await sendDueDigests(db, CONTEXT, new Date('2026-04-13T22:59:00Z'))).toEqual({
      digests: 0,
    });
    // 23:00Z is 08:00 in Tokyo: only Tokyo.
    expect(await sendDueDigests(db, CONTEXT, new Date('2026-04-13T23:00:00Z'))).toEqual({
      digests: 1,
    });
    expect(await digestsFor(tokyo.email)).toHaveLength(1);
    expect(await digestsFor(chicago.email)).toHaveLength(0);
    // 13:00Z on the 14th is 08:00 in Chicago.
    expect(await sendDueDigests(db, CONTEXT, new Date('2026-04-14T12:59:00Z'))).toEqual({
      digests: 0,
    });
    expect(await sendDueDigests(db, CONTEXT, new Date('2026-04-14T13:00:00Z'))).toEqual({
      digests: 1,
    });
    // Run again (a duplicate scheduler tick, or Redis replaying): nothing new.
    expect(await sendDueDigests(db, CONTEXT, new Date('2026-04-14T13:05:00Z'))).toEqual({
      digests: 0,
    });

    const [digest] = await digestsFor(chicago.email);
    const props = (
      digest.payload as {
        props: { groups: { reference: string; lines: string[] }[]; date: string };
      }
    ).props;
    expect(props.date).toBe('Apr 14, 2026');
    expect(props.groups.map((g) => g.reference)).toEqual(['INC-1001', 'INC-1002']);
    expect(props.groups[0].lines).toEqual([
      'Apr 13, 2026, 10:00 CDT: Dana opened it',
      'Apr 13, 2026, 12:00 CDT: Justin changed State: Triage → Analysis',
    ]);
    const rendered = await renderEmail('daily-digest', props);
    expect(rendered.subject).toBe('Vigil digest for Apr 14, 2026: 3 updates on 2 items');
    expect(rendered.text).toContain('INC-1002 · Title of INC-1002');

    expect(
      await db.select().from(digestsSent).where(eq(digestsSent.userId, chicago.id)),
    ).toHaveLength(1);
  });

  it('holds items from after today’s hour for tomorrow', async () => {
    const late = await digestUser('late', 'UTC', 8);
    await item(late.id, 'INC-2001', 'Opened', '2026-04-14T09:00:00Z');
    expect(await sendDueDigests(db, CONTEXT, new Date('2026-04-14T10:00:00Z'))).toEqual({
      digests: 0,
    });
    expect(await sendDueDigests(db, CONTEXT, new Date('2026-04-15T08:00:00Z'))).toEqual({
      digests: 1,
    });
  });
});

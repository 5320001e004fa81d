import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { digestItems, digestsSent, notificationPreferences, users } from '@/db/schema';
import type { EmailPayload } from '@/lib/email/deliver-email';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import type { DigestGroup } from '@/emails/daily-digest';
import { formatDate, formatDateTime } from '@/lib/time/format';
import { latestDigestSlot } from './digest-slot';

type DigestItem = {
  reference: string;
  title: string;
  url: string;
  line: string;
  occurredAt: string;
};

/**
 * Queues the daily digest of every digest user whose hour has come (in their zone) and
 * who has items waiting from before it. Decided from PostgreSQL alone: digests_sent has one
 * row per (user, slot), so a job run twice, late, or after Redis lost its schedule sends
 * each digest once and none is skipped.
 */
export async function sendDueDigests(
  db: Db,
  context: { publicUrl: string },
  now = new Date(),
): Promise<{ digests: number }> {
  const waiting = await db
    .select({
      userId: users.id,
      email: users.email,
      timeZone: users.timeZone,
      digestHour: notificationPreferences.digestHour,
    })
    .from(notificationPreferences)
    .innerJoin(users, eq(users.id, notificationPreferences.userId))
    .where(
      and(
        eq(notificationPreferences.delivery, 'digest'),
        eq(users.active, true),
        sql`exists (select 1 from ${digestItems} where ${digestItems.userId} = ${users.id} and ${digestItems.digestOutboxId} is null)`,
      ),
    );

  let digests = 0;
  for (const user of waiting) {
    const slot = latestDigestSlot(now, user.timeZone, user.digestHour);
    const sent = await db.transaction(async (tx) => {
      const items = await tx
        .select()
        .from(digestItems)
        // Items after the slot wait for the next one: switching to digests at 10:00 with an
        // 08:00 hour must not send a "daily" digest at once.
        .where(
          and(
            eq(digestItems.userId, user.userId),
            isNull(digestItems.digestOutboxId),
            lt(digestItems.createdAt, slot),
          ),
        )
        .orderBy(asc(digestItems.createdAt), asc(digestItems.id))
        .for('update', { skipLocked: true });
      if (!items.length) return false;
      const claimed = await tx
        .insert(digestsSent)
        .values({ userId: user.userId, slotAt: slot, itemCount: items.length })
        .onConflictDoNothing()
        .returning();
      if (!claimed.length) return false;

      const payload: EmailPayload = {
        template: 'daily-digest',
        to: user.email,
        props: {
          date: formatDate(slot, user.timeZone),
          groups: groupByItem(
            items.map((i) => i.item as DigestItem),
            user.timeZone,
          ),
          reason: `You are getting this because you chose one daily digest at ${String(user.digestHour).padStart(2, '0')}:00 (${user.timeZone}).`,
          preferencesUrl: `${context.publicUrl}/settings/profile`,
        },
      };
      const [outboxId] = await enqueueOutbox(tx, { kind: 'email', topic: 'daily-digest', payload });
      await tx
        .update(digestsSent)
        .set({ outboxId })
        .where(and(eq(digestsSent.userId, user.userId), eq(digestsSent.slotAt, slot)));
      await tx
        .update(digestItems)
        .set({ digestOutboxId: outboxId })
        .where(
          inArray(
            digestItems.id,
            items.map((i) => i.id),
          ),
        );
      return true;
    });
    if (sent) digests++;
  }
  return { digests };
}

/** One section per item, in the order each first appeared; lines oldest first, in the reader's zone. */
export function groupByItem(items: DigestItem[], timeZone: string): DigestGroup[] {
  const groups = new Map<string, DigestGroup>();
  for (const item of items) {
    let group = groups.get(item.reference);
    if (!group)
      groups.set(
        item.reference,
        (group = { reference: item.reference, title: item.title, url: item.url, lines: [] }),
      );
    group.lines.push(`${formatDateTime(item.occurredAt, timeZone)}: ${item.line}`);
  }
  return [...groups.values()];
}

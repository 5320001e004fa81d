import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { devMailbox, outbox } from '@/db/schema';
import { seedIfEmpty } from '@/db/seed';
import { DEMO_PEOPLE } from '@/db/seed/demo-people';
import { isDemoAddress } from '@/lib/email/demo-recipients';
import { createEmailDeliverer } from '@/lib/email/deliver-email';
import { createEmailTransport, type MailConfig } from '@/lib/email/mail-config';
import { createNotificationDeliverer } from '@/lib/notifications/deliver-notification';
import { queueResponseTargetReminders } from '@/lib/notifications/response-target-reminders';
import { sendDueDigests } from '@/lib/notifications/send-digests';
import { queueTaskReminders } from '@/lib/notifications/task-reminders';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { startSmtpServer } from '../support/mail-servers';
import { setUpTestDatabase } from '../support/test-database-hooks';

const DAY = 86_400_000;
let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

setUpTestDatabase((created) => (db = created.db));
beforeAll(async () => (smtp = await startSmtpServer()));
afterAll(() => smtp.close());

// The first start with SMTP configured used to mail the demo's notifications to the made-up
// people of the demo organization: here the worker's own deliverers run against a real SMTP
// server, and nothing about the demo may reach it.
describe('demo data with SMTP configured', () => {
  it('the demo people all have addresses that are kept in the development mailbox', () => {
    for (const person of DEMO_PEOPLE) expect(isDemoAddress(person.email), person.email).toBe(true);
    expect(isDemoAddress('dana@bank.test')).toBe(false);
    expect(isDemoAddress('someone@example.community.bank')).toBe(false);
  });

  it('seeding the demo, and the reminders and digests that follow, mail nobody', async () => {
    const mail: MailConfig = {
      publicUrl: 'http://localhost:3000',
      authSecret: 'demo-seed-test-secret-'.padEnd(40, 'x'),
      smtp: { url: smtp.url, from: 'Vigil <vigil@bank.test>' },
    };
    const { transport, from } = createEmailTransport(mail, db);
    const deliverers = {
      notification: createNotificationDeliverer(db, { publicUrl: mail.publicUrl }),
      email: createEmailDeliverer(mail, transport, from),
    };
    const drainAll = async () => {
      for (;;) {
        const { delivered, failed } = await drainOutbox(db, deliverers);
        expect(failed).toBe(0);
        if (delivered === 0) return;
      }
    };
    try {
      const seeded = await seedIfEmpty(db, { demoData: true });
      expect(seeded.seeded).toBe(true);
      const [queued] = await db.select({ n: count() }).from(outbox);
      expect(queued.n).toBeGreaterThan(0);
      await drainAll();

      // The days after: the demo's overdue tasks, its response targets, its digests.
      for (const days of [1, 2, 3]) {
        const at = new Date(Date.now() + days * DAY);
        at.setUTCHours(18, 0, 0, 0);
        await queueTaskReminders(db, at);
        await queueResponseTargetReminders(db, at);
        await sendDueDigests(db, { publicUrl: mail.publicUrl }, at);
        await drainAll();
      }

      expect(smtp.received).toEqual([]);
      const [kept] = await db.select({ n: count() }).from(devMailbox);
      expect(kept.n).toBeGreaterThan(20);

      // The same transport still mails a real address: the demo's silence is not a broken SMTP.
      const [id] = await db.transaction((tx) =>
        enqueueOutbox(tx, {
          kind: 'email',
          topic: 'password-reset',
          payload: {
            template: 'password-reset',
            to: 'dana@bank.test',
            props: {
              name: 'Dana',
              resetBy: 'An administrator',
              url: 'http://localhost:3000/set-password?token=t',
              expires: 'tomorrow',
              reason: 'You are getting this because your password was reset.',
            },
          },
        }),
      );
      await drainAll();
      expect(smtp.received.map((m) => m.to)).toEqual([['dana@bank.test']]);
      const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
      expect(row.status).toBe('sent');
    } finally {
      await transport.close();
    }
  });
});

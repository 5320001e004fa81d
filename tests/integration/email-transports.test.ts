import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { devMailbox, outbox, type OutboxRow } from '@/db/schema';
import { createEmailDeliverer, type EmailPayload } from '@/lib/email/deliver-email';
import { createEmailTransport, type MailConfig } from '@/lib/email/mail-config';
import { verifyUnsubscribeToken } from '@/lib/notifications/unsubscribe-token';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { startFakeResend, startSmtpServer } from '../support/mail-servers';
import { setUpTestDatabase } from '../support/test-database-hooks';

const SECRET = 'transport-test-secret-'.padEnd(40, 'z');
const USER = '4f1c2a9e-8b7d-4c3e-9a10-2b3c4d5e6f70';
const INCIDENT = '0b9f7e4a-1c2d-4e3f-8a9b-0c1d2e3f4a5b';

let db: Db;

setUpTestDatabase((created) => (db = created.db));
beforeEach(async () => {
  await db.delete(outbox);
});

const closedEmail: EmailPayload = {
  template: 'incident-closed',
  to: 'dana@bank.test',
  props: {
    item: {
      reference: 'INC-1042',
      title: 'Phishing at Main St',
      url: 'https://vigil.test/incidents/1042',
      state: 'Closed',
    },
    actorLabel: 'Justin Park',
    note: 'Sender domain blocked at the gateway.',
    reason: 'You are getting this because you own INC-1042.',
  },
  mute: { userId: USER, entityType: 'incident', entityId: INCIDENT },
};

async function queueEmail(payload: EmailPayload = closedEmail): Promise<OutboxRow> {
  const [id] = await db.transaction((tx) =>
    enqueueOutbox(tx, { kind: 'email', topic: payload.template, payload, maxAttempts: 3 }),
  );
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

function config(extra: Partial<MailConfig>): MailConfig {
  return { publicUrl: 'https://vigil.test', authSecret: SECRET, ...extra };
}

/** The worker's email deliverer, sending through the fake Resend API at `baseUrl`. */
function resendDeliverer(baseUrl: string) {
  const mail = config({ resend: { apiKey: 're_test', from: 'vigil@bank.test', baseUrl } });
  const { transport, from } = createEmailTransport(mail, db);
  return createEmailDeliverer(mail, transport, from);
}

describe('SMTP transport', () => {
  it('delivers to a real SMTP server: recipient, subject, both parts, unsubscribe headers', async () => {
    const smtp = await startSmtpServer();
    const mail = config({ smtp: { url: smtp.url, from: 'Vigil <vigil@bank.test>' } });
    const { transport, from } = createEmailTransport(mail, db);
    try {
      await queueEmail();
      expect(await drainOutbox(db, { email: createEmailDeliverer(mail, transport, from) })).toEqual(
        { delivered: 1, retried: 0, failed: 0 },
      );
      expect(smtp.received).toHaveLength(1);
      const [message] = smtp.received;
      expect(message.to).toEqual(['dana@bank.test']);
      expect(message.from).toBe('vigil@bank.test');
      expect(message.raw).toMatch(/^Subject: \[INC-1042\] Closed: Phishing at Main St/m);
      expect(message.raw).toContain('Content-Type: text/plain');
      expect(message.raw).toContain('Content-Type: text/html');
      const unfolded = message.raw.replace(/=\r\n/g, '').replace(/\r\n\s+/g, ' ');
      expect(unfolded).toContain('Sender domain blocked at the gateway.');
      expect(unfolded).toContain('You are getting this because you own INC-1042.');
      expect(unfolded).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const token = /List-Unsubscribe: <https:\/\/vigil\.test\/unsubscribe\?token=([\w.-]+)>/.exec(
        unfolded,
      )?.[1];
      expect(token && verifyUnsubscribeToken(SECRET, token)).toEqual({
        userId: USER,
        entityType: 'incident',
        entityId: INCIDENT,
      });
    } finally {
      await transport.close();
      await smtp.close();
    }
  });

  it('retries a server that is down and shows the error, without throwing', async () => {
    const smtp = await startSmtpServer();
    await smtp.close(); // the port is now closed
    const mail = config({ smtp: { url: smtp.url, from: 'vigil@bank.test' } });
    const { transport, from } = createEmailTransport(mail, db);
    const row = await queueEmail();
    expect(await drainOutbox(db, { email: createEmailDeliverer(mail, transport, from) })).toEqual({
      delivered: 0,
      retried: 1,
      failed: 0,
    });
    const [after] = await db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ status: 'pending', attempts: 1 });
    expect(after.lastError).toMatch(/ECONNREFUSED|connect/i);
    await transport.close();
  });
});

describe('Resend transport', () => {
  it('sends through the API with an idempotency key derived from the outbox row', async () => {
    const resend = await startFakeResend();
    const mail = config({
      resend: { apiKey: 're_test', from: 'Vigil <vigil@bank.test>', baseUrl: resend.url },
    });
    const { transport, from } = createEmailTransport(mail, db);
    try {
      const first = await queueEmail();
      const second = await queueEmail();
      await drainOutbox(db, { email: createEmailDeliverer(mail, transport, from) });
      expect(resend.requests).toHaveLength(2);
      const [a, b] = resend.requests;
      expect(a.idempotencyKey).toMatch(new RegExp(`^vigil-[0-9a-f]{12}-outbox-${first.id}-\\d+$`));
      expect(b.idempotencyKey).toMatch(new RegExp(`-outbox-${second.id}-`));
      expect(a.body).toMatchObject({
        to: ['dana@bank.test'],
        subject: '[INC-1042] Closed: Phishing at Main St',
      });
      expect(a.body.text).toContain('Sender domain blocked at the gateway.');
      expect(a.body.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    } finally {
      await resend.close();
    }
  });

  it('a worker killed after sending and before recording sends no duplicate', async () => {
    const resend = await startFakeResend();
    const deliver = resendDeliverer(resend.url);
    try {
      const row = await queueEmail();
      // The worker sends, then dies before its drain transaction marks the row: the row is
      // still pending with no attempt recorded, exactly as after a SIGKILL.
      await deliver(row);
      const [still] = await db.select().from(outbox).where(eq(outbox.id, row.id));
      expect(still).toMatchObject({ status: 'pending', attempts: 0 });

      // Another worker (or the restarted one) delivers it again.
      expect(await drainOutbox(db, { email: deliver })).toEqual({
        delivered: 1,
        retried: 0,
        failed: 0,
      });
      expect(resend.requests).toHaveLength(2);
      expect(resend.requests[0].idempotencyKey).toBe(resend.requests[1].idempotencyKey);
      expect(resend.sent.size).toBe(1); // the provider sent one email
      const [done] = await db.select().from(outbox).where(eq(outbox.id, row.id));
      expect(done.status).toBe('sent');
    } finally {
      await resend.close();
    }
  });

  it('a failing provider is retried with backoff, then parked with its error', async () => {
    const resend = await startFakeResend({ failWith: 500 });
    const deliver = resendDeliverer(resend.url);
    try {
      const row = await queueEmail();
      for (let attempt = 1; attempt <= 3; attempt++) {
        await drainOutbox(db, { email: deliver });
        await db.update(outbox).set({ availableAt: new Date() }).where(eq(outbox.id, row.id)); // as if the delay passed
      }
      const [parked] = await db.select().from(outbox).where(eq(outbox.id, row.id));
      expect(parked).toMatchObject({ status: 'failed', attempts: 3 });
      expect(parked.lastError).toContain('Resend is having a bad day');
    } finally {
      await resend.close();
    }
  });
});

describe('development mailbox', () => {
  it('keeps one rendered message per outbox row, however often it is delivered', async () => {
    const mail = config({});
    const { transport, from } = createEmailTransport(mail, db);
    expect(transport.name).toBe('dev-mailbox');
    const deliver = createEmailDeliverer(mail, transport, from);
    const row = await queueEmail();
    await deliver(row);
    await deliver(row);
    const messages = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row.id));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      to: 'dana@bank.test',
      subject: '[INC-1042] Closed: Phishing at Main St',
    });
    expect(messages[0].html).toContain('<html');
    expect(messages[0].text).toContain(
      'Stop notifications for this item (https://vigil.test/unsubscribe?token=',
    );
  });
});

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { devMailbox, outbox, type OutboxRow } from '@/db/schema';
import { createEmailDeliverer, type EmailPayload } from '@/lib/email/deliver-email';
import { createEmailTransport, type MailConfig } from '@/lib/email/mail-config';
import { drainOutbox } from '@/lib/outbox/drain-outbox';
import { enqueueOutbox } from '@/lib/outbox/enqueue';
import { startFakeResend, startSmtpServer } from '../support/mail-servers';
import { setUpTestDatabase } from '../support/test-database-hooks';

// RFC 3834: a message sent by software, not by a person, says so, so vacation responders and
// ticket systems do not answer it (and loop); Exchange reads its own header for the same.
const AUTOMATIC = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };

let db: Db;
setUpTestDatabase((created) => (db = created.db));
beforeEach(async () => {
  await db.delete(outbox);
});

const notification: EmailPayload = {
  template: 'task-overdue',
  to: 'justin@bank.test',
  props: {
    item: { reference: 'TASK-2001', title: 'Access review', url: 'https://vigil.test/tasks/2001' },
    due: 'Apr 17, 2026, 17:00 CDT',
    daysOverdue: 2,
    reason: 'You are getting this because you own TASK-2001.',
  },
  mute: {
    userId: '4f1c2a9e-8b7d-4c3e-9a10-2b3c4d5e6f70',
    entityType: 'task',
    entityId: '0b9f7e4a-1c2d-4e3f-8a9b-0c1d2e3f4a5b',
  },
};

async function queue(payload: EmailPayload): Promise<OutboxRow> {
  const [id] = await db.transaction((tx) =>
    enqueueOutbox(tx, { kind: 'email', topic: payload.template, payload, maxAttempts: 1 }),
  );
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

async function deliverWith(extra: Partial<MailConfig>) {
  const mail: MailConfig = {
    publicUrl: 'https://vigil.test',
    authSecret: 'headers-test-secret-'.padEnd(40, 'h'),
    ...extra,
  };
  const { transport, from } = createEmailTransport(mail, db);
  try {
    const result = await drainOutbox(db, { email: createEmailDeliverer(mail, transport, from) });
    expect(result).toEqual({ delivered: 1, retried: 0, failed: 0 });
  } finally {
    await transport.close();
  }
}

/** The header block of a raw message, unfolded, as name → value. */
function headersOf(raw: string): Record<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return Object.fromEntries(
    head.split(/\r?\n/).map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    }),
  );
}

describe('every email says it was sent automatically', () => {
  it('through SMTP', async () => {
    const smtp = await startSmtpServer();
    try {
      await queue(notification);
      await deliverWith({ smtp: { url: smtp.url, from: 'Vigil <vigil@bank.test>' } });
      expect(smtp.received).toHaveLength(1);
      expect(headersOf(smtp.received[0].raw)).toMatchObject(AUTOMATIC);
    } finally {
      await smtp.close();
    }
  });

  it('through Resend', async () => {
    const resend = await startFakeResend();
    try {
      await queue(notification);
      await deliverWith({
        resend: { apiKey: 're_test', from: 'Vigil <vigil@bank.test>', baseUrl: resend.url },
      });
      expect(resend.requests).toHaveLength(1);
      expect(resend.requests[0].body.headers).toMatchObject(AUTOMATIC);
    } finally {
      await resend.close();
    }
  });

  it('in the development mailbox, and for account emails too', async () => {
    const row = await queue({
      template: 'password-reset',
      to: 'maria@bank.test',
      props: {
        name: 'Maria',
        resetBy: 'Dana Whitfield',
        url: 'https://vigil.test/set-password?token=t',
        expires: 'tomorrow',
        reason: 'You are getting this because an administrator reset your password.',
      },
    });
    await deliverWith({});
    const [kept] = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row.id));
    expect(kept.headers).toMatchObject(AUTOMATIC);
  });
});

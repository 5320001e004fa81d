import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devMailbox } from '@/db/schema';
import { setPasswordUrl } from '@/lib/auth/password-token';
import { createDevMailboxTransport } from '@/lib/email/dev-mailbox-transport';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The development mailbox is readable by every administrator and sits in every backup: what
// it stores shows that a message was sent and where its links pointed, never a usable token.
describe('development mailbox', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test.drop());

  it('stores a set-password email with its link redacted and everything else as sent', async () => {
    const link = setPasswordUrl('https://vigil.test', 's'.repeat(40), crypto.randomUUID());
    const token = new URL(link).searchParams.get('token')!;
    await createDevMailboxTransport(test.db).send(
      {
        from: 'Vigil <vigil@bank.test>',
        to: 'sara@bank.test',
        subject: 'Set your Vigil password',
        html: `<p>Welcome</p><a href="${link}">Set password</a> <a href="https://vigil.test/incidents/7">INC-7</a>`,
        text: `Welcome. Set your password: ${link}`,
        headers: { 'List-Unsubscribe': `<https://vigil.test/unsubscribe?token=${token}>` },
      },
      { outboxId: 41, idempotencyKey: 'k41' },
    );
    const [stored] = await test.db.select().from(devMailbox).where(eq(devMailbox.outboxId, 41));
    const everything = JSON.stringify(stored);
    expect(everything).not.toContain(token);
    expect(stored.subject).toBe('Set your Vigil password');
    expect(stored.to).toBe('sara@bank.test');
    expect(stored.text).toBe(
      'Welcome. Set your password: https://vigil.test/set-password?token=redacted',
    );
    expect(stored.html).toContain('href="https://vigil.test/set-password?token=redacted"');
    expect(stored.html).toContain('href="https://vigil.test/incidents/7"');
    expect(stored.headers).toEqual({
      'List-Unsubscribe': '<https://vigil.test/unsubscribe?token=redacted>',
    });
  });
});

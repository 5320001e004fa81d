import { describe, expect, it } from 'vitest';
import type { DbOrTx } from '@/db/client';
import { launcherMailDefault } from '@/lib/email/launcher-mail-default';
import { createEmailTransport, mailConfigFromEnv } from '@/lib/email/mail-config';
import { redactLinks } from '@/lib/email/redact-links';
import { NO_TRANSPORT_MESSAGE } from '@/lib/email/unconfigured-transport';
import { parseEnv, workerEnvSchema } from '@/lib/env';

const base = {
  DATABASE_URL: 'postgres://localhost/vigil',
  REDIS_URL: 'redis://localhost',
  AUTH_SECRET: 'x'.repeat(40),
};
// Choosing a transport opens nothing; the database is touched only when one sends.
const db = {} as DbOrTx;
const transportFor = (extra: Record<string, string>) =>
  createEmailTransport(mailConfigFromEnv(parseEnv(workerEnvSchema, { ...base, ...extra })), db)
    .transport;

describe('which transport the worker uses', () => {
  it('holds email with the reason when production has no mail settings', async () => {
    const transport = transportFor({});
    expect(transport.name).toBe('none');
    await expect(
      transport.send(
        { from: 'a@b.c', to: 'd@e.f', subject: 's', html: '', text: '', headers: {} },
        { outboxId: 1, idempotencyKey: 'k' },
      ),
    ).rejects.toThrow(NO_TRANSPORT_MESSAGE);
  });

  it('uses the development mailbox only when chosen, and a mail server when configured', () => {
    expect(transportFor({ VIGIL_MAIL: 'dev' }).name).toBe('dev-mailbox');
    expect(transportFor({ SMTP_URL: 'smtp://localhost:2525' }).name).toBe('smtp');
    expect(() => parseEnv(workerEnvSchema, { ...base, VIGIL_MAIL: 'mailbox' })).toThrow(
      /VIGIL_MAIL must be dev or unset/,
    );
  });

  it('npm start chooses the development mailbox only for its embedded database without mail', () => {
    expect(launcherMailDefault({})).toBe('dev');
    expect(launcherMailDefault({ DATABASE_URL: 'postgres://db/vigil' })).toBeUndefined();
    expect(launcherMailDefault({ SMTP_URL: 'smtp://localhost' })).toBeUndefined();
    expect(launcherMailDefault({ RESEND_API_KEY: 're_x' })).toBeUndefined();
  });
});

describe('links kept in the development mailbox', () => {
  it('lose the values of their query strings and keep where they point', () => {
    expect(redactLinks('Set it: https://vigil.test/set-password?token=abc.DEF_1-2 today')).toBe(
      'Set it: https://vigil.test/set-password?token=redacted today',
    );
    expect(
      redactLinks('<a href="https://vigil.test/unsubscribe?token=x.y&amp;via=mail">stop</a>'),
    ).toBe('<a href="https://vigil.test/unsubscribe?token=redacted&amp;via=redacted">stop</a>');
    expect(redactLinks('<https://vigil.test/unsubscribe?token=x.y>')).toBe(
      '<https://vigil.test/unsubscribe?token=redacted>',
    );
    expect(redactLinks('See https://vigil.test/incidents/12.')).toBe(
      'See https://vigil.test/incidents/12.',
    );
  });
});

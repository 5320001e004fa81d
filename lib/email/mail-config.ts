import type { DbOrTx } from '@/db/client';
import { publicUrlFrom, type WorkerEnv } from '@/lib/env';
import { keepDemoMailInDevMailbox } from './demo-recipients';
import { createDevMailboxTransport } from './dev-mailbox-transport';
import { createResendTransport } from './resend-transport';
import { createSmtpTransport } from './smtp-transport';
import type { EmailTransport } from './transport';
import { createUnconfiguredTransport } from './unconfigured-transport';

export type MailConfig = {
  /** Base of every link in an email, without a trailing slash. */
  publicUrl: string;
  /** Signs unsubscribe and set-password links; the web server verifies them with the same secret. */
  authSecret: string;
  resend?: { apiKey: string; from: string; baseUrl?: string };
  smtp?: { url: string; from: string };
  /** Sender for the development mailbox. */
  devFrom?: string;
  /**
   * Where email goes without Resend or SMTP: the development mailbox, or held in the outbox
   * with the reason. mailConfigFromEnv always says (VIGIL_MAIL=dev or not); a config built in
   * code (tests, benchmarks) without it means the development mailbox.
   */
  withoutTransport?: 'dev-mailbox' | 'hold';
};

export function mailConfigFromEnv(env: WorkerEnv): MailConfig {
  return {
    publicUrl: publicUrlFrom(env),
    authSecret: env.AUTH_SECRET,
    resend: env.RESEND_API_KEY
      ? { apiKey: env.RESEND_API_KEY, from: env.RESEND_FROM!, baseUrl: env.RESEND_BASE_URL }
      : undefined,
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
    devFrom: env.SMTP_FROM,
    withoutTransport: env.VIGIL_MAIL === 'dev' ? 'dev-mailbox' : 'hold',
  };
}

/**
 * Resend if configured, else SMTP, else the development mailbox when chosen (VIGIL_MAIL=dev),
 * else none: emails then wait in the outbox with the reason (unconfigured-transport.ts). The
 * demo's made-up people are always kept in the development mailbox (demo-recipients.ts).
 */
export function createEmailTransport(
  config: MailConfig,
  db: DbOrTx,
): { transport: EmailTransport; from: string } {
  if (config.resend)
    return {
      transport: keepDemoMailInDevMailbox(createResendTransport(config.resend), db),
      from: config.resend.from,
    };
  if (config.smtp)
    return {
      transport: keepDemoMailInDevMailbox(createSmtpTransport(config.smtp), db),
      from: config.smtp.from,
    };
  return {
    transport:
      config.withoutTransport === 'hold'
        ? createUnconfiguredTransport()
        : createDevMailboxTransport(db),
    from: config.devFrom ?? 'Vigil <vigil@localhost>',
  };
}

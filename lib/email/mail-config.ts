import type { DbOrTx } from '@/db/client';
import type { WorkerEnv } from '@/lib/env';
import { createDevMailboxTransport } from './dev-mailbox-transport';
import { createResendTransport } from './resend-transport';
import { createSmtpTransport } from './smtp-transport';
import type { EmailTransport } from './transport';

export type MailConfig = {
  /** Base of every link in an email, without a trailing slash. */
  publicUrl: string;
  /** Signs unsubscribe and set-password links; the web server verifies them with the same secret. */
  authSecret: string;
  resend?: { apiKey: string; from: string; baseUrl?: string };
  smtp?: { url: string; from: string };
  /** Sender for the development mailbox. */
  devFrom?: string;
};

export function mailConfigFromEnv(env: WorkerEnv): MailConfig {
  return {
    publicUrl: env.VIGIL_PUBLIC_URL.replace(/\/+$/, ''),
    authSecret: env.AUTH_SECRET,
    resend: env.RESEND_API_KEY
      ? { apiKey: env.RESEND_API_KEY, from: env.RESEND_FROM!, baseUrl: env.RESEND_BASE_URL }
      : undefined,
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
    devFrom: env.SMTP_FROM,
  };
}

/** Resend if configured, else SMTP, else the development mailbox. */
export function createEmailTransport(
  config: MailConfig,
  db: DbOrTx,
): { transport: EmailTransport; from: string } {
  if (config.resend)
    return { transport: createResendTransport(config.resend), from: config.resend.from };
  if (config.smtp) return { transport: createSmtpTransport(config.smtp), from: config.smtp.from };
  return {
    transport: createDevMailboxTransport(db),
    from: config.devFrom ?? 'Vigil <vigil@localhost>',
  };
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { OutboxRow } from '@/db/schema';
import type { Deliverer } from '@/lib/outbox/drain-outbox';
import { setPasswordUrl } from '@/lib/auth/password-token';
import { unsubscribeUrl } from '@/lib/notifications/unsubscribe-token';
import type { MailConfig } from './mail-config';
import { renderEmail, type RenderedEmail } from './render-email';
import { isTemplateName } from './templates';
import type { EmailTransport } from './transport';

/** Payload of an outbox row of kind 'email'. */
export const emailPayloadSchema = z.object({
  template: z.string().refine(isTemplateName, 'unknown email template'),
  to: z.email(),
  props: z.record(z.string(), z.unknown()),
  // Present for notifications about an item: adds the signed one-click unsubscribe link.
  mute: z
    .object({ userId: z.uuid(), entityType: z.enum(['incident', 'task']), entityId: z.string() })
    .optional(),
  // Present for account emails: the signed set-password link becomes props.url. Signed here,
  // at send time, so the outbox (and the database) never holds a usable link.
  passwordLink: z.object({ tokenId: z.uuid() }).optional(),
  // Present for emails about a page (administrators' notices, queued by the web server or the
  // worker alike): props.url becomes VIGIL_PUBLIC_URL + this path, known only to the worker.
  appPath: z
    .string()
    .regex(/^\/[^\s]*$/)
    .optional(),
});
export type EmailPayload = z.input<typeof emailPayloadSchema>;

// The unsubscribe link is the only part unique to each recipient of an event; rendering with
// a placeholder and substituting it lets 500 watchers of one incident share a few renders.
const PLACEHOLDER = 'https://vigil.invalid/unsubscribe-placeholder';
const CACHE_SIZE = 200;

/**
 * Every email is sent by software: RFC 3834's Auto-Submitted keeps vacation responders and
 * ticket systems from answering it (a reply to a notification that notifies again loops),
 * and Exchange, which ignores it, reads X-Auto-Response-Suppress for out-of-office replies,
 * delivery and read receipts.
 */
export const AUTOMATIC_HEADERS = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
} as const;

export function createEmailDeliverer(
  config: MailConfig,
  transport: EmailTransport,
  from: string,
): Deliverer {
  // Resend scopes keys to an account that several installs (staging, production) may share,
  // and a restored backup reuses row ids: the key names the install and the row's birth too.
  const install = createHash('sha256')
    .update(`vigil-install:${config.authSecret}`)
    .digest('hex')
    .slice(0, 12);
  const cache = new Map<string, Promise<RenderedEmail>>();

  function renderShared(
    template: Parameters<typeof renderEmail>[0],
    props: Record<string, unknown>,
  ): Promise<RenderedEmail> {
    const key = `${template}\n${JSON.stringify(props)}`;
    let rendered = cache.get(key);
    if (!rendered) {
      rendered = renderEmail(template, props);
      rendered.catch(() => cache.delete(key));
      cache.set(key, rendered);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    return rendered;
  }

  return async (row: OutboxRow) => {
    const payload = emailPayloadSchema.parse(row.payload);
    if (!isTemplateName(payload.template))
      throw new Error(`unknown email template "${payload.template}"`);
    const link = payload.mute
      ? unsubscribeUrl(
          config.publicUrl,
          config.authSecret,
          payload.mute as Parameters<typeof unsubscribeUrl>[2],
        )
      : undefined;
    const url = payload.passwordLink
      ? setPasswordUrl(config.publicUrl, config.authSecret, payload.passwordLink.tokenId)
      : payload.appPath
        ? config.publicUrl + payload.appPath
        : undefined;
    const props = url ? { ...payload.props, url } : payload.props;
    const rendered = await renderShared(
      payload.template,
      link ? { ...props, unsubscribeUrl: PLACEHOLDER } : props,
    );
    const personal = (s: string) => (link ? s.replaceAll(PLACEHOLDER, link) : s);

    const headers: Record<string, string> = {
      ...AUTOMATIC_HEADERS,
      'X-Vigil-Outbox-Id': String(row.id),
    };
    if (link) {
      // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to this URL.
      headers['List-Unsubscribe'] = `<${link}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    await transport.send(
      {
        from,
        to: payload.to,
        subject: rendered.subject,
        html: personal(rendered.html),
        text: personal(rendered.text),
        headers,
      },
      { idempotencyKey: idempotencyKeyFor(install, row), outboxId: row.id },
    );
  };
}

/** Stable across redeliveries of one outbox row, distinct for every other row. */
export function idempotencyKeyFor(
  install: string,
  row: Pick<OutboxRow, 'id' | 'createdAt'>,
): string {
  return `vigil-${install}-outbox-${row.id}-${row.createdAt.getTime()}`;
}

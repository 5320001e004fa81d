import { createHmac } from 'node:crypto';
import { signatureMatches } from '@/lib/auth/signature';
import { z } from 'zod';

// The one-click link in every notification: who, and which item, signed with AUTH_SECRET so
// nobody can mute someone else's notifications by editing the link. It does not expire:
// an old email's link must still work.

const claims = z.object({
  u: z.uuid(),
  t: z.enum(['incident', 'task']),
  e: z.string().min(1).max(100),
});
export type MuteTarget = { userId: string; entityType: 'incident' | 'task'; entityId: string };

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`vigil-unsubscribe:${body}`).digest();
}

export function signUnsubscribeToken(secret: string, target: MuteTarget): string {
  const body = Buffer.from(
    JSON.stringify({ u: target.userId, t: target.entityType, e: target.entityId }),
  ).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** The target, or undefined for a link that was altered, truncated or signed with another secret. */
export function verifyUnsubscribeToken(secret: string, token: string): MuteTarget | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  if (!signatureMatches(mac(secret, body), signature)) return undefined;
  try {
    const parsed = claims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success
      ? { userId: parsed.data.u, entityType: parsed.data.t, entityId: parsed.data.e }
      : undefined;
  } catch {
    return undefined;
  }
}

export function unsubscribeUrl(publicUrl: string, secret: string, target: MuteTarget): string {
  return `${publicUrl}/unsubscribe?token=${signUnsubscribeToken(secret, target)}`;
}

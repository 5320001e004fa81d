import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { signatureMatches } from './signature';

// The set-password link in invitation and reset emails: a password_tokens row id and an
// HMAC of it under AUTH_SECRET. The row holds expiry and single use; the signature means
// nobody who can read the database (its backups, the outbox, Settings → Outbox payloads)
// can build a working link, and nobody can guess one from a row id alone.

const tokenId = z.uuid();

function mac(secret: string, id: string): Buffer {
  return createHmac('sha256', secret).update(`vigil-set-password:${id}`).digest();
}

export function signPasswordToken(secret: string, id: string): string {
  return `${id}.${mac(secret, id).toString('base64url')}`;
}

/** The token row's id, or undefined for a link that was altered, cut short or signed with another secret. */
export function verifyPasswordToken(secret: string, token: string): string | undefined {
  const [id, signature, extra] = token.trim().split('.');
  if (!id || !signature || extra !== undefined || !tokenId.safeParse(id).success) return undefined;
  return signatureMatches(mac(secret, id), signature) ? id : undefined;
}

export function setPasswordUrl(publicUrl: string, secret: string, id: string): string {
  return `${publicUrl}/set-password?token=${signPasswordToken(secret, id)}`;
}

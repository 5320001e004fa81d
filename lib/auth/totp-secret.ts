import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

// TOTP secrets are stored encrypted and recovery codes as HMACs, both under keys derived from
// AUTH_SECRET (HKDF, one key per purpose): someone holding the database or a backup but not
// the server's environment can neither mint codes nor test recovery codes offline. Changing
// AUTH_SECRET therefore ends every enrolment (an administrator resets the second factor).

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return secret;
}

function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret(), 'vigil-mfa', purpose, 32));
}

const VERSION = 'v1';

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts; AES-256-GCM, so a tampered value fails. */
export function encryptTotpSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey('totp-secret'), iv);
  const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), encrypted]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The secret, or undefined when it was encrypted under another AUTH_SECRET or altered. */
export function decryptTotpSecret(stored: string): string | undefined {
  const [version, iv, tag, encrypted] = stored.split('.');
  if (version !== VERSION || !iv || !tag || !encrypted) return undefined;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      derivedKey('totp-secret'),
      Buffer.from(iv, 'base64url'),
    );
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(encrypted, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Recovery codes are looked up by this keyed hash, so checking one costs a single query. */
export function hashRecoveryCode(code: string): string {
  return createHmac('sha256', derivedKey('recovery-code'))
    .update(normalizeRecoveryCode(code))
    .digest('base64url');
}

// Ten lower-case letters and digits without look-alikes (0/o, 1/l), shown as "abcde-fghij":
// about 50 bits each, more than enough behind the sign-in throttle.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function generateRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A recovery code as typed ("abcde-fghij", spaces or dashes optional), not an app's six digits. */
export function looksLikeRecoveryCode(code: string): boolean {
  return normalizeRecoveryCode(code).length === 10;
}

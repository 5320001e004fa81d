import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a signature taken from a link equals the expected HMAC. Compared as base64url
 * text, not decoded: the last character carries spare bits, and a decoder maps several
 * spellings of it to the same bytes — an altered link must not pass. Constant time.
 */
export function signatureMatches(expected: Buffer, given: string): boolean {
  const want = Buffer.from(expected.toString('base64url'));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}

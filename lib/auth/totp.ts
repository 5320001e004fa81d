import { generateSecret, generateURI, verify } from 'otplib';

// RFC 6238 codes as every authenticator app makes them: SHA-1, six digits, 30-second steps.
// One step of clock drift either way is accepted; a code at or before the last accepted step
// is refused (replay), which is why verification returns the step it matched.

export const TOTP_ISSUER = 'Vigil';
const DRIFT_SECONDS = 30;
const SIX_DIGITS = /^\d{6}$/;

export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app reads from the QR code. */
export const totpUri = (secret: string, email: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: email, secret });

/** The code as typed, without the spaces apps show in the middle ("123 456"). */
export const normalizeTotpCode = (code: string): string => code.replace(/\s/g, '');

export const looksLikeTotpCode = (code: string): boolean =>
  SIX_DIGITS.test(normalizeTotpCode(code));

/**
 * The time step the code belongs to, or undefined when it is wrong, malformed, or not later
 * than `afterStep` (the last step this secret was used for).
 */
export async function matchTotpCode(
  secret: string,
  code: string,
  afterStep: number | null,
): Promise<number | undefined> {
  const token = normalizeTotpCode(code);
  if (!SIX_DIGITS.test(token)) return undefined;
  const result = await verify({
    secret,
    token,
    epochTolerance: DRIFT_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  // The functional API's type also covers HOTP results, which carry no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

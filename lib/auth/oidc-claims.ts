import { ROLES, type Role } from './roles';
import type { OidcSettings } from './sso-env';

// Reading an identity provider's ID token claims: pure, so the rules are unit-tested alone.

export type OidcClaims = Record<string, unknown>;

/** The claim at a dotted path ("realm_access.roles"), as a list of strings (one, many or none). */
export function claimValues(claims: OidcClaims, path: string): string[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object') return [];
    value = (value as Record<string, unknown>)[key];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/**
 * The Vigil role the claims grant: the most privileged one any mapped value names (a person
 * in both the analysts' and the administrators' group is an administrator), or undefined.
 */
export function mappedRole(
  claims: OidcClaims,
  roleClaim: NonNullable<OidcSettings['roleClaim']>,
): Role | undefined {
  const granted = new Set(
    claimValues(claims, roleClaim.path)
      .map((value) => roleClaim.map.get(value))
      .filter((role): role is Role => !!role),
  );
  return ROLES.find((role) => granted.has(role));
}

/** The email address, only when the provider says it verified it (a bare "true" string too). */
export function verifiedEmail(claims: OidcClaims): string | undefined {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  return email && verified ? email : undefined;
}

/** A display name for an account created at first sign-in. */
export function displayName(claims: OidcClaims, email: string): string {
  const given = [claims.given_name, claims.family_name].filter((v) => typeof v === 'string');
  const candidates = [claims.name, given.join(' '), claims.preferred_username];
  const name = candidates.find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return (name ?? email.split('@')[0]).trim().slice(0, 120);
}

import type { Profile, User } from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';
import { getDb } from '@/db/client';
import { clientAddressFrom } from './client-address';
import { signInWithOidc, type OidcRefusal } from './oidc-sign-in';
import { readSsoSettings, type SsoSettings } from './sso-env';

// Auth.js's generic OpenID Connect provider, configured from the environment
// (lib/auth/sso-env.ts), and the step that turns its verified identity into a Vigil user.

export const OIDC_PROVIDER_ID = 'oidc';

/** The provider list's OpenID Connect entry, or none when single sign-on is not configured. */
export function oidcProviders(settings: SsoSettings = readSsoSettings()): OIDCConfig<Profile>[] {
  const { oidc } = settings;
  if (!oidc) return [];
  return [
    {
      id: OIDC_PROVIDER_ID,
      name: oidc.name,
      type: 'oidc',
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: oidc.scopes } },
      // PKCE and state against a forged callback, nonce against a replayed ID token.
      checks: ['pkce', 'state', 'nonce'],
    },
  ];
}

/**
 * Auth.js's signIn callback for an OpenID Connect sign-in: the user Auth.js made up from the
 * claims becomes the Vigil user (so the jwt callback writes the same uid, role and session
 * version as a password sign-in does), or the browser goes back to the sign-in page with the
 * reason. Vigil's own second factor is not asked: the identity provider owns that step.
 */
export async function admitOidcSignIn(
  user: User,
  profile: Profile | undefined,
): Promise<true | string> {
  const settings = readSsoSettings().oidc;
  if (!settings || !profile) return refusalPath('unverified-email');
  const result = await signInWithOidc(getDb(), {
    claims: profile,
    settings,
    clientAddress: await requestClientAddress(),
  });
  if (!result.ok) return refusalPath(result.reason);
  Object.assign(user, {
    id: result.user.id,
    name: result.user.name,
    email: result.user.email,
    role: result.user.role,
    sessionVersion: result.user.sessionVersion,
  });
  return true;
}

function refusalPath(reason: OidcRefusal): string {
  return `/sign-in?sso=${reason}`;
}

/** The client's address from the request being served; none outside Next's server (tests). */
async function requestClientAddress(): Promise<string | null> {
  try {
    const { headers } = await import('next/headers');
    return clientAddressFrom(await headers());
  } catch {
    return null;
  }
}

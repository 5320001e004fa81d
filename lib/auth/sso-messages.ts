import type { OidcRefusal } from './oidc-sign-in';

// What the sign-in page says when single sign-on came back without signing anyone in.
// The reason travels as ?sso= (our refusals) or ?error= (Auth.js's own failures).

const REFUSALS: Record<OidcRefusal, string> = {
  'unverified-email':
    'Your identity provider did not confirm a verified email address, so Vigil cannot tell which account is yours. Ask your identity provider administrator to verify your email address.',
  'unknown-user':
    'There is no Vigil account for the email address your identity provider gave. Ask a Vigil administrator to create your account.',
  deactivated: 'Your Vigil account is deactivated. Ask a Vigil administrator.',
  'no-role':
    'Your identity provider grants you no Vigil role. Ask your identity provider administrator to add you to a Vigil group.',
  'not-applied':
    'Vigil could not apply the role your identity provider gives you (it would leave Vigil without an administrator). Ask a Vigil administrator.',
};

/** The message for a ?sso= or ?error= value, or undefined when there is none to show. */
export function ssoMessage(sso?: string, error?: string): string | undefined {
  if (sso && sso in REFUSALS) return REFUSALS[sso as OidcRefusal];
  if (sso || error)
    return 'Single sign-on did not complete. Try again; if it keeps failing, tell your Vigil administrator.';
  return undefined;
}

import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { clientAddressFrom } from './client-address';
import { admitOidcSignIn, OIDC_PROVIDER_ID, oidcProviders } from './oidc-provider';
import { sessionConfig } from './session-callbacks';
import { signInWithPassword } from './sign-in';
import { endSignedOutSession } from './sign-out-event';
import { passwordSignInAllowed, readSsoSettings } from './sso-env';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
}

// Password sign-in is off (single sign-on only) and this is not the break-glass account.
class PasswordSignInOff extends CredentialsSignin {
  code = 'password-off';
}

// The password was right; the sign-in form now asks for the authenticator code.
class CodeRequired extends CredentialsSignin {
  code = 'code-required';
}

class InvalidCode extends CredentialsSignin {
  code = 'invalid-code';
}

class LockedOut extends CredentialsSignin {
  constructor(until: Date) {
    super();
    // The sign-in form turns this into "locked until 14:32"; the code is all that crosses over.
    this.code = `locked:${until.toISOString()}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...sessionConfig,
  // Auth.js's own failures (a provider that is down, a stale callback) land on our sign-in
  // page as ?error=, which says so, rather than on Auth.js's bare error page.
  pages: { signIn: '/sign-in', error: '/sign-in' },
  // Clearing the cookie alone would leave a copied one valid for 12 hours.
  events: { signOut: endSignedOutSession },
  providers: [
    Credentials({
      credentials: {
        email: { type: 'email' },
        password: { type: 'password' },
        code: { type: 'text' },
      },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === 'string' ? credentials.email : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password) throw new InvalidCredentials();
        if (!passwordSignInAllowed(readSsoSettings(), email)) throw new PasswordSignInOff();
        const result = await signInWithPassword(getDb(), {
          email,
          password,
          code: typeof credentials?.code === 'string' ? credentials.code : undefined,
          clientAddress: clientAddressFrom(request.headers),
        });
        if (!result.ok) {
          if (result.reason === 'locked') throw new LockedOut(result.until);
          if (result.reason === 'code-required') throw new CodeRequired();
          if (result.reason === 'invalid-code') throw new InvalidCode();
          throw new InvalidCredentials();
        }
        const { user } = result;
        return {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
    ...oidcProviders(),
  ],
  callbacks: {
    ...sessionConfig.callbacks,
    signIn({ user, account, profile }) {
      return account?.provider === OIDC_PROVIDER_ID ? admitOidcSignIn(user, profile) : true;
    },
  },
});

import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { clientAddressFrom } from './client-address';
import { sessionConfig } from './session-callbacks';
import { signInWithPassword } from './sign-in';
import { endSignedOutSession } from './sign-out-event';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
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
  // Clearing the cookie alone would leave a copied one valid for 12 hours.
  events: { signOut: endSignedOutSession },
  providers: [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === 'string' ? credentials.email : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password) throw new InvalidCredentials();
        const result = await signInWithPassword(getDb(), {
          email,
          password,
          clientAddress: clientAddressFrom(request.headers),
        });
        if (!result.ok)
          throw result.reason === 'locked' ? new LockedOut(result.until) : new InvalidCredentials();
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
  ],
});

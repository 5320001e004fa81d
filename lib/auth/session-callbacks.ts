import type { NextAuthConfig } from 'next-auth';
import { getDb } from '@/db/client';
import { servedOverHttps } from '@/lib/http/security-headers';
import {
  getSessionLimits,
  sessionEndAt,
  SESSION_MAX_HOURS,
  type SessionEnd,
} from './session-limits';
import type { Role } from './roles';

declare module 'next-auth' {
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: Role; sessionVersion: number };
    /** How its user signed in: the organization's second-factor requirement is for 'password'. */
    signInMethod: SignInMethod;
    /** Set once the session passed the organization's idle timeout or absolute lifetime. */
    ended?: SessionEnd;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    role?: Role;
    sessionVersion?: number;
    signInMethod?: SignInMethod;
    /** When its user signed in, and when a request last carried it (ms since the epoch). */
    signedInAt?: number;
    lastSeenAt?: number;
    ended?: SessionEnd;
  }
}

/**
 * 'sso': through the identity provider, which answers for the second factor (that is where a
 * bank enforces it); 'password': Vigil's own form, which asks for Vigil's.
 */
export type SignInMethod = 'password' | 'sso';

// What the sign-in route (lib/auth/next-auth.ts) and the proxy's session refresh
// (lib/auth/proxy-session.ts) share: the cookie, its lifetime and what it carries.
export const sessionConfig = {
  // Behind a proxy `next start` sees the proxy's host; AUTH_URL pins it when set.
  trustHost: process.env.AUTH_TRUST_HOST !== 'false',
  // The cookie outlives the longest lifetime an organization may set; the limits the
  // organization did set are enforced from the times it carries (lib/auth/session-limits.ts).
  session: { strategy: 'jwt', maxAge: SESSION_MAX_HOURS.max * 60 * 60 },
  pages: { signIn: '/sign-in' },
  // Auth.js's cookies are HttpOnly and SameSite=Lax, and Secure (with the __Secure- prefix)
  // when the request's URL is https, which it reads from AUTH_URL or X-Forwarded-Proto. An
  // https public URL pins them Secure, whatever protocol a request claims.
  useSecureCookies: servedOverHttps() || undefined,
  callbacks: {
    async jwt({ token, user, account }) {
      const now = Date.now();
      if (user) {
        token.uid = user.id;
        token.signInMethod = account?.type === 'oidc' ? 'sso' : 'password';
        token.role = user.role;
        token.sessionVersion = user.sessionVersion;
        token.signedInAt = now;
        token.lastSeenAt = now;
        delete token.ended;
        return token;
      }
      // An ended session stays ended: no later request can revive it by refreshing lastSeenAt.
      if (token.ended) return token;
      // A cookie from before these limits starts its clocks now.
      const times = { signedInAt: token.signedInAt ?? now, lastSeenAt: token.lastSeenAt ?? now };
      const ended = sessionEndAt(times, await getSessionLimits(getDb()), now);
      if (ended) return { ...token, ended };
      // Only the cookie is rewritten (by the proxy, lib/auth/proxy-session.ts): no database write.
      return { ...token, ...times, lastSeenAt: now };
    },
    session({ session, token }) {
      session.user.id = token.uid ?? '';
      session.user.role = token.role ?? 'read_only';
      session.user.sessionVersion = token.sessionVersion ?? 0;
      // A cookie from before the method was kept is held to the stricter rule.
      session.signInMethod = token.signInMethod ?? 'password';
      if (token.ended) session.ended = token.ended;
      return session;
    },
  },
} satisfies Omit<NextAuthConfig, 'providers'>;

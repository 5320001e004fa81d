import { NextRequest } from 'next/server';

/**
 * The Auth.js request as the browser addressed it, for the route handler at /api/auth/*.
 *
 * WHY: `next start` gives route handlers a URL built from its own listen address
 * (http://localhost:PORT), not from the Host header. The single sign-on button's server action
 * calls next-auth's signIn(), which builds the OpenID redirect_uri from the forwarded Host
 * (createActionURL in @auth/core); the callback route builds it again from the route's own URL.
 * Reached by any other name (a bank's own host name behind its proxy) without AUTH_URL, the two
 * differ, the provider refuses the code exchange ("redirect_uri mismatch", invalid_grant) and
 * the user lands on /sign-in?error=Configuration. This derives the origin the same way
 * createActionURL does, so both halves of the sign-in name the same callback. With AUTH_URL
 * set, next-auth already pins both halves to it.
 */
export function requestAtBrowserOrigin(request: NextRequest): NextRequest {
  if (process.env.AUTH_URL ?? process.env.NEXTAUTH_URL) return request;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!host) return request;
  const protocol = request.headers.get('x-forwarded-proto') ?? 'https';
  let origin: string;
  try {
    origin = new URL(`${protocol.endsWith(':') ? protocol : `${protocol}:`}//${host}`).origin;
  } catch {
    // A Host header no URL can hold: leave the request as it came, Auth.js refuses it.
    return request;
  }
  const { pathname, search } = new URL(request.url);
  return new NextRequest(`${origin}${pathname}${search}`, request);
}

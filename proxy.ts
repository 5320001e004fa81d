import { NextResponse, type NextRequest } from 'next/server';
import { REQUESTED_PATH_HEADER, requestedPath } from '@/lib/auth/callback-path';
import { ssoFormActionOrigins } from '@/lib/auth/sso-env';
import { withSessionRefresh } from '@/lib/auth/proxy-session';
import {
  CLIENT_REQUEST_ID_HEADER,
  newRequestIds,
  REQUEST_ID_HEADER,
  SERVER_REQUEST_ID_HEADER,
} from '@/lib/http/request-id';
import {
  contentSecurityPolicy,
  HSTS_VALUE,
  newNonce,
  servedOverHttps,
} from '@/lib/http/security-headers';

// Gives every request a server-made id before any page, action or route handler runs. The
// handlers read it from X-Vigil-Request-Id (a client's copy of that header is replaced
// here); X-Request-Id is rewritten to the same id for code that reads the usual name; the
// client's own X-Request-Id travels on as X-Client-Request-Id. The response names the id.
// Pages also get a Content-Security-Policy with a nonce of their own (see pagePolicy).
// A signed-in visitor's page requests also refresh (or end) their session cookie
// (lib/auth/proxy-session.ts); requests without one, and the token-only /api, skip it.
export async function proxy(request: NextRequest): Promise<Response> {
  if (isPagePath(request.nextUrl.pathname) && hasSessionCookie(request))
    return refreshingSession(request);
  return handle(request);
}

const refreshingSession = withSessionRefresh(handle);

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies
    .getAll()
    .some((c) => /(^|[.-])authjs\.session-token(\.\d+)?$/.test(c.name));
}

function handle(request: NextRequest): NextResponse {
  const https = servedOverHttps();
  const redirect = trailingSlashRedirect(request);
  if (redirect) return withTransportSecurity(redirect, https);
  const ids = newRequestIds(request.headers.get(REQUEST_ID_HEADER));
  const headers = new Headers(request.headers);
  headers.set(SERVER_REQUEST_ID_HEADER, ids.requestId);
  headers.set(REQUEST_ID_HEADER, ids.requestId);
  if (ids.clientRequestId) headers.set(CLIENT_REQUEST_ID_HEADER, ids.clientRequestId);
  else headers.delete(CLIENT_REQUEST_ID_HEADER);
  headers.set(REQUESTED_PATH_HEADER, requestedPath(request.nextUrl));
  const policy = isPagePath(request.nextUrl.pathname) ? pagePolicy(https) : null;
  // Next.js finds the nonce in the request's copy of the policy and puts it on its scripts.
  if (policy) headers.set('content-security-policy', policy);
  else headers.delete('content-security-policy');
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, ids.requestId);
  if (policy) response.headers.set('Content-Security-Policy', policy);
  return withTransportSecurity(response, https);
}

// /api answers JSON to scripts and tokens, not documents to browsers; /api/docs, the one page
// among them, sends the stricter policy of its own (lib/api/docs-page.ts).
function isPagePath(pathname: string): boolean {
  return !/^\/api(\/|$)/.test(pathname);
}

function pagePolicy(https: boolean): string {
  return contentSecurityPolicy(newNonce(), {
    development: process.env.NODE_ENV === 'development',
    https,
    formActionOrigins: ssoFormActionOrigins(),
  });
}

// Browsers ignore HSTS received over plain HTTP, so it is only sent when Vigil is on HTTPS.
function withTransportSecurity(response: NextResponse, https: boolean): NextResponse {
  if (https) response.headers.set('Strict-Transport-Security', HSTS_VALUE);
  return response;
}

// Next.js's own redirect of "/path/" to "/path" is off (next.config.ts) so shippers reach
// /api/ingest/es/ as they address it; every other path keeps it.
const KEEPS_TRAILING_SLASH = /^\/api\/ingest\/es(\/|$)/;

function trailingSlashRedirect(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (pathname === '/' || !pathname.endsWith('/') || KEEPS_TRAILING_SLASH.test(pathname))
    return null;
  // A plain URL: NextURL would put the slash back when formatting.
  const url = new URL(request.url);
  url.pathname = pathname.replace(/\/+$/, '') || '/';
  return NextResponse.redirect(url, 308);
}

export const config = {
  // Not for build assets: they run no code of ours and log nothing.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};

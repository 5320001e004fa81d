/**
 * Browser writes to cookie-authenticated route handlers must come from our own pages:
 * the Origin header (sent by every modern browser on POST) must match the Host we serve.
 * Server actions get this check from Next.js; route handlers need it themselves.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * For routes that take credentials a browser may replay by itself (HTTP basic authentication,
 * cached after a login prompt): true when a browser sent the request on another site's
 * behalf. Browsers name the initiator (Sec-Fetch-Site, or at least Origin on a POST); log
 * shippers and scripts name none, and pass.
 */
export function isCrossSiteBrowserRequest(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  return request.headers.has('origin') && !isSameOrigin(request);
}

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

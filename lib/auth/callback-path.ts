/**
 * Set by proxy.ts on every request (a client's own copy is replaced): the path and query
 * the visitor asked for, which layouts cannot otherwise see, so a redirect to sign in can
 * carry it.
 */
export const REQUESTED_PATH_HEADER = 'x-vigil-requested-path';

/** The path and query of a request as the visitor typed or clicked it. */
export function requestedPath(url: URL): string {
  const search = new URLSearchParams(url.search);
  // Next's client navigations add a cache-busting _rsc parameter the visitor never saw.
  search.delete('_rsc');
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** Where a sign-in lands when it was not sent from a page (or from one we refuse to return to). */
export const DEFAULT_LANDING = '/dashboard';

const ORIGIN = 'http://vigil.invalid';

/**
 * The page to return to after signing in, if it is a path on this site; the dashboard
 * otherwise. An open redirect would make our sign-in page a phishing aid, so anything a
 * browser could read as another host is refused: `//host`, `/\host` (browsers treat `\` as
 * `/`), and tabs or newlines, which browsers strip (`/\t/host` becomes `//host`).
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
    return DEFAULT_LANDING;
  if (/[\\\u0000-\u001f\u007f\s]/.test(value)) return DEFAULT_LANDING;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return DEFAULT_LANDING;
  }
  if (url.origin !== ORIGIN || url.pathname === '/sign-in') return DEFAULT_LANDING;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, carrying the page a signed-out visitor asked for. */
export function signInPath(requested: string | null | undefined): string {
  const target = safeCallbackPath(requested);
  return target === DEFAULT_LANDING
    ? '/sign-in'
    : `/sign-in?${new URLSearchParams({ callbackUrl: target })}`;
}

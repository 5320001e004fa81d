import { log } from '@/lib/log';
import { requestIdsFrom } from './request-id';

type ErrorRequest = {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
};
type ErrorContext = { routePath: string; routeType: string };

/**
 * What Next.js caught (a page, a route handler or an action that threw): one log line under
 * the request's id (the one proxy.ts set) and the digest app/error.tsx shows the user. The
 * query string is left out: signed links carry their token there.
 */
export function reportRequestError(
  error: unknown,
  request: ErrorRequest,
  context: ErrorContext,
): void {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers))
    if (typeof value === 'string') headers.set(name, value);
  const ids = requestIdsFrom(headers);
  const digest =
    error && typeof error === 'object' && 'digest' in error ? String(error.digest) : undefined;
  log('error', 'request failed', {
    ...ids,
    digest,
    method: request.method,
    path: request.path.split('?')[0],
    route: context.routePath,
    routeType: context.routeType,
    error,
  });
}

// An old path kept for one release beside its successor: it answers exactly as the new one
// and says so in the headers (RFC 9745 Deprecation, RFC 8594 Link rel="successor-version"),
// which clients and API gateways log as a warning.

/** When the old paths were deprecated: the release that introduced the bulk naming scheme. */
export const DEPRECATED_SINCE = new Date('2026-12-01T00:00:00Z');

export function deprecatedAlias<A extends unknown[]>(
  handler: (request: Request, ...rest: A) => Promise<Response>,
  successor: string,
) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    const response = await handler(request, ...rest);
    response.headers.set('Deprecation', `@${Math.floor(DEPRECATED_SINCE.getTime() / 1000)}`);
    response.headers.set('Link', `<${successor}>; rel="successor-version"`);
    return response;
  };
}

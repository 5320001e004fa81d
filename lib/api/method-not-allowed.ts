import { REQUEST_ID_HEADER, requestIdsFrom } from '@/lib/http/request-id';
import { instanceOf, problemResponse } from './problem';

// Next.js answers a method a route file does not export with an empty 405. Each /api/v1 route
// file instead exports the rest from here in one line, naming the methods it serves:
//   export const { PUT, DELETE, OPTIONS } = otherMethods('GET', 'PATCH');
// so every method is a problem answer with `Allow`, and OPTIONS lists only the real ones
// (Next's own OPTIONS would list these refusals too). tests/integration/api-methods.test.ts
// checks that every route file does it and that the names match what it exports.

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
type Served = Exclude<HttpMethod, 'HEAD' | 'OPTIONS'>;

type Answer = (request: Request) => Promise<Response>;

/**
 * Handlers that serve nothing (these refusals, and the 404 of lib/api/unknown-path.ts), so a
 * test can tell them from a route's own: what the OpenAPI document must describe is the rest.
 */
export const METHOD_REFUSALS = new WeakSet<(request: Request) => Response | Promise<Response>>();

/** The methods a path takes, as `Allow` says them: HEAD with GET (Next.js answers it), and OPTIONS. */
export function allowHeader(served: readonly string[]): string {
  const methods = new Set(served);
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return HTTP_METHODS.filter((m) => methods.has(m)).join(', ');
}

/** Answers for every method but `served`: 405 problems, and OPTIONS with `Allow`. */
export function otherMethods(...served: Served[]): Record<HttpMethod, Answer> {
  const allow = allowHeader(served);
  const refuse: Answer = async (request) => {
    const { requestId } = requestIdsFrom(request.headers);
    return problemResponse({
      status: 405,
      detail: `${instanceOf(request)} does not take ${request.method}; it takes ${allow}.`,
      instance: instanceOf(request),
      requestId,
      headers: { Allow: allow, [REQUEST_ID_HEADER]: requestId },
    });
  };
  const options: Answer = async () =>
    new Response(null, { status: 204, headers: { Allow: allow } });
  METHOD_REFUSALS.add(refuse);
  METHOD_REFUSALS.add(options);
  return {
    GET: refuse,
    HEAD: refuse,
    POST: refuse,
    PUT: refuse,
    PATCH: refuse,
    DELETE: refuse,
    OPTIONS: options,
  };
}

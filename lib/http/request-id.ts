// A request's id is always made here, never taken from the client: a client could otherwise
// reuse another request's id (or put text into the log and the activity rows). What a
// client sends as X-Request-Id is kept beside it as clientRequestId, cut short and reduced to
// characters that cannot break a log line or a header.

/** Set by proxy.ts on every request, after removing any copy the client sent. */
export const SERVER_REQUEST_ID_HEADER = 'x-vigil-request-id';
/** The client's own X-Request-Id, passed on by proxy.ts (which gives X-Request-Id the server's). */
export const CLIENT_REQUEST_ID_HEADER = 'x-client-request-id';
export const REQUEST_ID_HEADER = 'x-request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_CLIENT_ID = 64;

export type RequestIds = { requestId: string; clientRequestId?: string };

export function sanitizeClientRequestId(value: string | null | undefined): string | undefined {
  const cleaned = value?.replace(/[^\w.:@/+=-]/g, '').slice(0, MAX_CLIENT_ID);
  return cleaned || undefined;
}

/** Ids for a request proxy.ts has not seen: a new server id, the client's as a separate field. */
export function newRequestIds(clientValue?: string | null): RequestIds {
  return { requestId: crypto.randomUUID(), clientRequestId: sanitizeClientRequestId(clientValue) };
}

/**
 * The ids proxy.ts gave this request; a request that did not pass through it (a handler
 * called directly) gets new ones, and its X-Request-Id is only ever the client's.
 */
export function requestIdsFrom(headers: Headers): RequestIds {
  const server = headers.get(SERVER_REQUEST_ID_HEADER);
  if (server && UUID.test(server))
    return {
      requestId: server,
      clientRequestId: sanitizeClientRequestId(headers.get(CLIENT_REQUEST_ID_HEADER)),
    };
  return newRequestIds(headers.get(REQUEST_ID_HEADER));
}

import { REQUEST_ID_HEADER, requestIdsFrom } from '@/lib/http/request-id';
import { METHOD_REFUSALS } from './method-not-allowed';
import { instanceOf, problemResponse } from './problem';

/**
 * The answer for an /api/v1 path no route serves. Without a token check: it reveals nothing
 * the OpenAPI document does not, and a client with a typo learns that first.
 */
export function unknownApiPath(request: Request): Response {
  const { requestId } = requestIdsFrom(request.headers);
  const path = instanceOf(request);
  return problemResponse({
    status: 404,
    detail: `No API route at ${path}; GET /api/v1/openapi.json lists them all.`,
    instance: path,
    requestId,
    headers: { [REQUEST_ID_HEADER]: requestId },
  });
}

METHOD_REFUSALS.add(unknownApiPath);

import { instanceOf, problemResponse } from '@/lib/api/problem';
import { isDomainError, ValidationError } from '@/lib/errors';
import { requestIdsFrom } from '@/lib/http/request-id';

/** A report download refused for an expected reason: an RFC 9457 problem; anything else rethrown. */
export function reportRouteError(error: unknown, request?: Request): Response {
  if (!isDomainError(error)) throw error;
  return problemResponse({
    status: error.status,
    detail: error.message,
    errors: error instanceof ValidationError ? error.fieldErrors : undefined,
    instance: request && instanceOf(request),
    requestId: request && requestIdsFrom(request.headers).requestId,
  });
}

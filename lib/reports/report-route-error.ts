import { isDomainError, ValidationError } from '@/lib/errors';

/** A report download refused for an expected reason: its message as JSON; anything else rethrown. */
export function reportRouteError(error: unknown): Response {
  if (error instanceof ValidationError)
    return Response.json(
      { error: error.message, fields: error.fieldErrors },
      { status: 400, headers: { 'Cache-Control': 'no-store' } },
    );
  if (isDomainError(error))
    return Response.json({ error: error.message }, { status: error.status });
  throw error;
}

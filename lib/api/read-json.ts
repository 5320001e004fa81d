import { DomainError, ValidationError } from '@/lib/errors';
import { readLimitedBody } from '@/lib/http/read-limited-body';

// Generous for any incident (description 50,000 + notes) or a bulk close of 100,000
// numbers, small enough that a runaway client cannot make the server buffer gigabytes.
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

/** The request's JSON body; a 400 (never a 500) when it is missing or not JSON, 413 when too large. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const bytes = await readLimitedBody(request, MAX_JSON_BODY_BYTES);
  if (bytes === 'too-large')
    throw new DomainError(
      `Request body is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB.`,
      413,
    );
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ValidationError(
      { _body: 'Request body must be JSON.' },
      'Request body must be JSON.',
    );
  }
}

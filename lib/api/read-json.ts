import { DomainError, ValidationError } from '@/lib/errors';
import { readLimitedBody } from '@/lib/http/read-limited-body';
import {
  badStringPaths,
  CONTROL_MESSAGE,
  hasNoControlCharacters,
  isWellFormedText,
  SURROGATE_MESSAGE,
} from '@/lib/validation';

// Generous for any incident (description 50,000 + notes) or a bulk close of 100,000
// numbers, small enough that a runaway client cannot make the server buffer gigabytes.
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

// application/json, or any type of JSON by its +json suffix (application/merge-patch+json).
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

export function isJsonContentType(contentType: string | null): boolean {
  return JSON_MEDIA_TYPE.test((contentType ?? '').split(';')[0].trim());
}

const NOT_JSON = 'Send the body as JSON, with "Content-Type: application/json".';

/**
 * The request's JSON body: 413 when too large, 415 when it says (or, without a Content-Type,
 * is) anything but JSON, 400 (never a 500) when missing, not JSON, or holding a control
 * character in any string (lib/validation.ts), naming each field that does.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  // Read (within the limit) before judging its type, so a keep-alive connection is left
  // at the next request, not in the middle of this one's body.
  const bytes = await readLimitedBody(request, MAX_JSON_BODY_BYTES);
  if (bytes === 'too-large')
    throw new DomainError(
      `Request body is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB.`,
      413,
    );
  const contentType = request.headers.get('content-type');
  if (contentType !== null && !isJsonContentType(contentType))
    throw new DomainError(`The body is ${contentType.split(';')[0]}. ${NOT_JSON}`, 415);
  // Without a Content-Type an empty body is simply missing (400 below); anything else is
  // not declared as JSON and is not guessed at.
  if (contentType === null && bytes.byteLength > 0)
    throw new DomainError(`The body has no Content-Type. ${NOT_JSON}`, 415);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ValidationError(
      { _body: 'Request body must be JSON.' },
      'Request body must be JSON.',
    );
  }
  const withControls = badStringPaths(body, hasNoControlCharacters, 32);
  if (withControls.length)
    throw new ValidationError(
      Object.fromEntries(withControls.map((path) => [path, CONTROL_MESSAGE])),
      `Control characters in ${withControls.join(', ')}.`,
    );
  const broken = badStringPaths(body, isWellFormedText, 32);
  if (broken.length)
    throw new ValidationError(
      Object.fromEntries(broken.map((path) => [path, SURROGATE_MESSAGE])),
      `Broken characters in ${broken.join(', ')}.`,
    );
  return body;
}

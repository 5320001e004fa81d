import { DomainError, ValidationError } from '@/lib/errors';

// Generous for any incident (description 50,000 + notes) or a bulk close of 100,000
// numbers, small enough that a runaway client cannot make the server buffer gigabytes.
export const MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

/** The request's JSON body; a 400 (never a 500) when it is missing or not JSON, 413 when too large. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const text = await readText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError({ _body: 'Request body must be JSON.' }, 'Request body must be JSON.');
  }
}

// Reads chunk by chunk so a body without (or lying about) Content-Length is cut off too.
async function readText(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(): DomainError {
  return new DomainError(`Request body is larger than ${MAX_JSON_BODY_BYTES / 1024 / 1024} MB.`, 413);
}

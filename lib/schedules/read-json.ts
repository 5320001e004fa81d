import { readLimitedBody } from '@/lib/http/read-limited-body';
import { ValidationError } from '@/lib/errors';

/** A JSON request body of at most 1 MB, or a 400 naming what is wrong with it. */
export async function readScheduleJson(request: Request): Promise<unknown> {
  const body = await readLimitedBody(request, 1_000_000);
  if (body === 'too-large') throw new ValidationError({ _body: 'The request body is larger than 1 MB.' });
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new ValidationError({ _body: 'Send a JSON body.' }, 'The request body is not valid JSON.');
  }
}

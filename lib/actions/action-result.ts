import { holdsNulCharacter, isMalformedUuid } from '@/lib/db-errors';
import { isDomainError, ValidationError } from '@/lib/errors';
import { currentRequestIds } from '@/lib/http/current-request-ids';
import { withRequestLog } from '@/lib/http/request-log';
import { log } from '@/lib/log';

// What a server action hands back to its form: success with data, or a message and the
// problems of each field, ready to show beside the inputs.
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const IDLE: ActionResult<never> | null = null;

/**
 * Runs a domain call, turning expected failures into messages and logging the rest. Lines
 * logged meanwhile carry the request's id, the reference a user is shown.
 */
export async function toActionResult<T>(
  run: () => Promise<T>,
  message?: string,
): Promise<ActionResult<T>> {
  const ids = await currentRequestIds();
  return withRequestLog(ids, async (): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await run(), message };
    } catch (error) {
      if (error instanceof ValidationError)
        return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
      if (isDomainError(error)) return { ok: false, error: error.message };
      // An id that is no UUID names nothing. Only a hand-made request sends one (forms send the
      // ids the page was drawn with); PostgreSQL refused it before anything was written.
      if (isMalformedUuid(error))
        return { ok: false, error: 'That item does not exist: its id is not a valid id.' };
      if (holdsNulCharacter(error))
        return {
          ok: false,
          error:
            'A value sent holds a NUL character (U+0000), which cannot be stored; remove it and try again.',
        };
      // Next.js signals redirect() and notFound() by throwing; they are not failures.
      if (
        error &&
        typeof error === 'object' &&
        'digest' in error &&
        String(error.digest).startsWith('NEXT_')
      )
        throw error;
      log('error', 'server action failed', { error });
      return { ok: false, error: `Something went wrong on our side. Reference ${ids.requestId}.` };
    }
  });
}

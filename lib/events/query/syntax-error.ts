import { ValidationError } from '@/lib/errors';

/** A query that does not parse: shown under the query box, a 400 from the API. */
export class EventQuerySyntaxError extends ValidationError {
  constructor(
    message: string,
    /** 0-based character offset in the query text. */
    readonly position: number,
    /** What the parser expected there, in words ("a field value", "closing parenthesis"). */
    readonly expected: string[],
  ) {
    super({ q: message }, message);
  }
}

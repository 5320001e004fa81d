import { ValidationError } from '@/lib/errors';

// Any store's answer to a search that ran past its time limit.
/** A search stopped at the limit: the query box says why and what to do. */
export class SearchTimeLimitError extends ValidationError {
  constructor(ms: number) {
    const seconds = Math.max(1, Math.round(ms / 1000));
    super(
      {
        q: `This search took longer than ${seconds} s and was stopped. Name a field (event_id:4625 rather than 4625) or choose a shorter time range: a bare word reads every event in the range.`,
      },
      'The search took too long.',
    );
  }
}

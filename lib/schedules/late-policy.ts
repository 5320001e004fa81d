// When a period's task counts as late, and the words an examiner reads about it. The same
// words go on the task (late_reason) and on the period's ledger row (schedule_periods.reason).

/** A task created more than this after its occurrence is "late". */
export const LATE_AFTER_MS = 5 * 60_000;

/** Default of VIGIL_CATCH_UP_LIMIT: how many overdue periods of one schedule become tasks at once. */
export const DEFAULT_CATCH_UP_LIMIT = 12;

/** Why the periods came due without a task: said after "created … after its occurrence:". */
export type LateCause =
  { kind: 'no-worker' } | { kind: 'generation-failed'; error: string } | { kind: 'reconciliation' };

export function causeInWords(cause: LateCause): string {
  switch (cause.kind) {
    case 'no-worker':
      return 'no worker was running';
    case 'generation-failed':
      return `generation failed: ${cause.error}`;
    case 'reconciliation':
      return 'found missing by reconciliation';
  }
}

/** "3 h 12 min", "40 days 2 h", "4 min": the two largest units, zeros left out. */
export function durationInWords(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [
    days ? `${days} ${days === 1 ? 'day' : 'days'}` : '',
    hours ? `${hours} h` : '',
    mins ? `${mins} min` : '',
  ].filter(Boolean);
  return parts.slice(0, 2).join(' ') || 'less than a minute';
}

/** The late reason of a task created at `now` for `occurrence`, or null when it is on time. */
export function lateReasonFor(occurrence: Date, now: Date, cause: LateCause): string | null {
  const lateBy = now.getTime() - occurrence.getTime();
  if (lateBy <= LATE_AFTER_MS) return null;
  return `created ${durationInWords(lateBy)} after its occurrence: ${causeInWords(cause)}`;
}

/** Why an overdue period got no task: the catch-up limit kept only the latest ones. */
export function catchUpMissReason(due: number, limit: number, cause: LateCause): string {
  return `not generated in time (${causeInWords(cause)}); ${due} periods were due at once and only the latest ${limit} became tasks (VIGIL_CATCH_UP_LIMIT)`;
}

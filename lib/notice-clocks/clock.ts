// A notice clock's arithmetic. The rules count elapsed hours from the clock's start, not
// business days: a DST change, a weekend or a holiday moves nothing, so plain instants do.

const HOUR_MS = 3_600_000;

export type ClockTimes = { clockStartedAt: Date; deadlineAt: Date; notifiedAt: Date | null };

export type NoticeWarning = 'half' | 'three-quarters' | 'missed';

/** The fractions of the clock's time at which owners and administrators are warned. */
export const WARNING_FRACTIONS: Record<NoticeWarning, number> = {
  half: 0.5,
  'three-quarters': 0.75,
  missed: 1,
};

export function deadlineFor(clockStartedAt: Date, deadlineHours: number): Date {
  return new Date(clockStartedAt.getTime() + deadlineHours * HOUR_MS);
}

/** The instant `fraction` of the clock's time has passed. */
export function thresholdAt(clock: Omit<ClockTimes, 'notifiedAt'>, fraction: number): Date {
  const start = clock.clockStartedAt.getTime();
  return new Date(start + (clock.deadlineAt.getTime() - start) * fraction);
}

/** The latest warning a running clock has reached at `now` (null: none yet, or stopped). */
export function warningDue(clock: ClockTimes, now: Date): NoticeWarning | null {
  if (clock.notifiedAt) return null;
  for (const warning of ['missed', 'three-quarters', 'half'] as const)
    if (thresholdAt(clock, WARNING_FRACTIONS[warning]) <= now) return warning;
  return null;
}

export type NoticeClockStatus =
  | { status: 'running'; remainingMs: number }
  | { status: 'at-risk'; remainingMs: number }
  | { status: 'overdue'; overdueMs: number }
  | { status: 'notified'; late: boolean };

/** What the clock shows at `now`: time left (at risk from half its time), overdue, or stopped. */
export function noticeClockStatus(clock: ClockTimes, now: Date): NoticeClockStatus {
  if (clock.notifiedAt) return { status: 'notified', late: clock.notifiedAt > clock.deadlineAt };
  const remainingMs = clock.deadlineAt.getTime() - now.getTime();
  if (remainingMs <= 0) return { status: 'overdue', overdueMs: -remainingMs };
  return thresholdAt(clock, WARNING_FRACTIONS.half) <= now
    ? { status: 'at-risk', remainingMs }
    : { status: 'running', remainingMs };
}

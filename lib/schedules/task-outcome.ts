// How each period of a schedule ended up, as its record counts it: its task's outcome, or missed.

export type TaskOutcome = 'on-time' | 'late' | 'overdue' | 'open' | 'invalid';
export const OUTCOME_LABELS: Record<TaskOutcome, string> = {
  'on-time': 'Completed on time',
  late: 'Completed late',
  overdue: 'Open and overdue',
  open: 'Open',
  invalid: 'Invalid',
};

export function taskOutcome(
  task: { state: string; dueAt: Date | null; closedAt: Date | null },
  now: Date,
): TaskOutcome {
  if (task.state === 'invalid') return 'invalid';
  if (task.state === 'closed')
    return !task.dueAt || (task.closedAt && task.closedAt <= task.dueAt) ? 'on-time' : 'late';
  return task.dueAt && task.dueAt < now ? 'overdue' : 'open';
}

export type PeriodStatus = TaskOutcome | 'missed';
export const PERIOD_STATUSES: PeriodStatus[] = [
  'on-time',
  'late',
  'open',
  'overdue',
  'invalid',
  'missed',
];
export const PERIOD_STATUS_LABELS: Record<PeriodStatus, string> = {
  ...OUTCOME_LABELS,
  missed: 'Missed',
};

import type { Task, TaskSchedule } from '@/db/schema';
import { taskTitleFor } from '@/lib/schedules/generate-period';
import { TASK_NUMBER_PREFIX } from '@/lib/tasks/schemas';
import { ticketNumberLabel } from '@/lib/tickets/ticket-number';
import { wallClockAt } from '@/lib/time/wall-clock';

// What a feed says about each item, before it is written as iCalendar (render-feed.ts).
// Everything is VEVENT: Google Calendar ignores VTODO, and Apple Calendar and Outlook show
// subscribed VTODOs poorly or not at all. An event at a due date or an occurrence time, in
// a named zone (DTSTART;TZID with its VTIMEZONE), lands on the right hour in every client.

const DAY_MS = 86_400_000;

export type FeedEvent = {
  /** Stable across fetches, so a client updates an event instead of adding a copy. */
  uid: string;
  start: Date;
  /** The zone DTSTART is written in. */
  timeZone: string;
  /** An all-day event on the local date of `start` in `timeZone`. */
  allDay: boolean;
  summary: string;
  description: string;
  url: string;
  status: 'CONFIRMED' | 'TENTATIVE';
  /** The item's version: a client replaces its copy when this grows. */
  sequence: number;
  lastModified: Date;
};

export type FeedTask = Pick<Task, 'id' | 'number' | 'title' | 'dueAt' | 'updatedAt' | 'version'>;
export type FeedSchedule = Pick<
  TaskSchedule,
  'id' | 'name' | 'pattern' | 'timeZone' | 'timeOfDay' | 'dueInDays' | 'updatedAt' | 'version'
>;

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).hostname;
}

/** Due at the last moment of a local day (as generated tasks are): that day, not "23:59". */
function dueAtEndOfDay(dueAt: Date, timeZone: string): boolean {
  return wallClockAt(timeZone, dueAt.getTime() + 1) % DAY_MS === 0;
}

/** An open task's due date; closed and invalid tasks are not in any feed. */
export function taskEvent(
  task: FeedTask & { dueAt: Date },
  timeZone: string,
  baseUrl: string,
): FeedEvent {
  const number = ticketNumberLabel(TASK_NUMBER_PREFIX, task.number);
  const url = `${baseUrl}/tasks/${task.number}`;
  return {
    uid: `task-${task.id}@${hostOf(baseUrl)}`,
    start: task.dueAt,
    timeZone,
    allDay: dueAtEndOfDay(task.dueAt, timeZone),
    summary: `Due: ${number} ${task.title}`,
    description: `${number} ${task.title} is due.\n${url}`,
    url,
    status: 'CONFIRMED',
    sequence: task.version,
    lastModified: task.updatedAt,
  };
}

/** An upcoming occurrence of a schedule: the task it will open, at the schedule's own time and zone. */
export function occurrenceEvent(
  schedule: FeedSchedule,
  occurrence: Date,
  periodKey: string,
  baseUrl: string,
): FeedEvent {
  const url = `${baseUrl}/schedules/${schedule.id}`;
  const due =
    schedule.dueInDays === 0
      ? 'due the same day'
      : `due ${schedule.dueInDays} day${schedule.dueInDays === 1 ? '' : 's'} later`;
  return {
    uid: `schedule-${schedule.id}-${periodKey.replace(':', '-')}@${hostOf(baseUrl)}`,
    start: occurrence,
    timeZone: schedule.timeZone,
    allDay: false,
    summary: taskTitleFor(schedule, occurrence),
    description: `The schedule "${schedule.name}" opens this period's task now, ${due}.\n${url}`,
    url,
    // Not a task yet: an edit of the schedule can still move it.
    status: 'TENTATIVE',
    sequence: schedule.version,
    lastModified: schedule.updatedAt,
  };
}

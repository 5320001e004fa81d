import { CHECK_NOTICE_CLOCKS } from './check-notice-clocks';
import { CHECK_RESPONSE_TARGETS } from './check-response-targets';
import { CHECK_TASK_REMINDERS } from './check-task-reminders';
import { SEND_DIGESTS } from './send-digests';

// Which queue carries a job. The worker runs each queue with its own BullMQ Worker and
// concurrency, and drains the outbox in a loop of its own (not a job), so:
// - critical: short checks that decide from PostgreSQL what is due now (a 2-hour High
//   warning must not wait behind a backlog of exports or fan-outs);
// - main: everything else.
// Schedule generation runs in a loop of its own as well (started from startWorker).
export type Lane = 'main' | 'critical';

const CRITICAL_JOBS: ReadonlySet<string> = new Set([
  CHECK_RESPONSE_TARGETS,
  CHECK_TASK_REMINDERS,
  SEND_DIGESTS,
  CHECK_NOTICE_CLOCKS,
]);

export function laneOf(jobName: string): Lane {
  return CRITICAL_JOBS.has(jobName) ? 'critical' : 'main';
}

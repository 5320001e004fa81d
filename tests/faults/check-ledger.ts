import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { expectedPeriods, type OracleSchedule } from './oracle';

// After a fault run: does every schedule's ledger hold exactly the periods the oracle
// computes, each once, as a task or a recorded miss, and do tasks and ledger rows match?

export type LedgerCheck = {
  expected: number;
  /** Ledger rows in the window, by outcome. */
  tasks: number;
  missed: number;
  /** Extra rows for one period, one occurrence or one task, anywhere in tasks or the ledger. */
  duplicates: number;
  /** Oracle periods with no ledger row. */
  missing: number;
  /** Ledger rows in the window the oracle does not expect (or owed before the rule took effect). */
  unexpected: number;
  /** Same period, another instant (a DST resolution that differs, for instance). */
  wrongInstant: number;
  /** Generated tasks no ledger row points at. */
  tasksWithoutLedgerRow: number;
  /** 'task' rows whose task is missing or stands for another schedule or period. */
  ledgerRowsWithoutTask: number;
  missedWithoutReason: number;
  lateTasks: number;
  lateWithoutReason: number;
  /** Tasks created well after their occurrence (by the database's clock) but not marked late. */
  lateNotMarked: number;
  /** A few examples of each problem, for the person reading the failure. */
  samples: string[];
};

export type CheckedSchedule = { id: string; name: string; spec: OracleSchedule };

type LedgerRow = {
  schedule_id: string;
  period_key: string;
  occurrence_at: Date;
  outcome: 'task' | 'missed';
  task_id: string | null;
  reason: string;
};
type TaskRow = {
  id: string;
  schedule_id: string;
  period_key: string;
  occurrence_at: Date | null;
  generated_late: boolean;
  late_reason: string | null;
  created_at: Date;
};

const SAMPLES_PER_PROBLEM = 5;

export async function checkLedger(
  db: Db,
  schedules: CheckedSchedule[],
  window: { after: Date; until: Date },
  /** Simulated time of a database timestamp, and how far past its occurrence a task may be without being late. */
  lateness: { simulatedAt(at: Date): Date; toleranceMs: number },
): Promise<LedgerCheck> {
  const ledger = toRows<LedgerRow>(
    await db.execute(
      sql`select schedule_id, period_key, occurrence_at, outcome, task_id, reason from schedule_periods`,
    ),
  );
  const taskRows = toRows<TaskRow>(
    await db.execute(
      sql`select id, schedule_id, period_key, occurrence_at, generated_late, late_reason, created_at from tasks where schedule_id is not null`,
    ),
  );
  const check: LedgerCheck = {
    expected: 0,
    tasks: 0,
    missed: 0,
    duplicates: 0,
    missing: 0,
    unexpected: 0,
    wrongInstant: 0,
    tasksWithoutLedgerRow: 0,
    ledgerRowsWithoutTask: 0,
    missedWithoutReason: 0,
    lateTasks: 0,
    lateWithoutReason: 0,
    lateNotMarked: 0,
    samples: [],
  };
  const sampled = new Map<string, number>();
  const problem = (field: keyof Omit<LedgerCheck, 'samples'>, example: string) => {
    check[field] += 1;
    const shown = sampled.get(field) ?? 0;
    if (shown < SAMPLES_PER_PROBLEM) check.samples.push(`${field}: ${example}`);
    sampled.set(field, shown + 1);
  };

  // Duplicates, counted from the rows rather than trusting the unique keys to exist.
  const extra = (keys: string[]) => keys.length - new Set(keys).size;
  check.duplicates += extra(ledger.map((r) => `${r.schedule_id} ${r.period_key}`));
  check.duplicates += extra(ledger.filter((r) => r.task_id).map((r) => r.task_id!));
  check.duplicates += extra(taskRows.map((t) => `${t.schedule_id} ${t.period_key}`));
  check.duplicates += extra(
    taskRows
      .filter((t) => t.occurrence_at)
      .map((t) => `${t.schedule_id} ${t.occurrence_at!.toISOString()}`),
  );

  const tasksById = new Map(taskRows.map((t) => [t.id, t]));
  const names = new Map(schedules.map((s) => [s.id, s.name]));
  const ledgerTaskIds = new Set(ledger.map((r) => r.task_id).filter(Boolean));
  for (const task of taskRows) {
    if (!ledgerTaskIds.has(task.id))
      problem(
        'tasksWithoutLedgerRow',
        `${names.get(task.schedule_id) ?? task.schedule_id} ${task.period_key}`,
      );
  }

  const bySchedule = new Map<string, LedgerRow[]>();
  for (const row of ledger) {
    const rows = bySchedule.get(row.schedule_id);
    if (rows) rows.push(row);
    else bySchedule.set(row.schedule_id, [row]);
  }

  for (const schedule of schedules) {
    const expected = expectedPeriods(schedule.spec, window.after, window.until);
    check.expected += expected.length;
    const rows = (bySchedule.get(schedule.id) ?? []).filter((r) => r.occurrence_at <= window.until);
    const found = new Map(rows.map((r) => [r.period_key, r]));
    const wanted = new Map(expected.map((p) => [p.periodKey, p]));
    for (const period of expected) {
      const row = found.get(period.periodKey);
      if (!row)
        problem(
          'missing',
          `${schedule.name}: ${period.periodKey} (${period.occurrenceAt.toISOString()})`,
        );
      else if (row.occurrence_at.getTime() !== period.occurrenceAt.getTime()) {
        problem(
          'wrongInstant',
          `${schedule.name}: ${period.periodKey} at ${row.occurrence_at.toISOString()}, expected ${period.occurrenceAt.toISOString()}`,
        );
      }
    }
    for (const row of rows) {
      if (!wanted.has(row.period_key))
        problem(
          'unexpected',
          `${schedule.name}: ${row.period_key} (${row.occurrence_at.toISOString()}, ${row.outcome})`,
        );
      if (row.outcome === 'missed') {
        check.missed += 1;
        if (!row.reason.trim())
          problem('missedWithoutReason', `${schedule.name}: ${row.period_key}`);
        continue;
      }
      check.tasks += 1;
      const task = row.task_id ? tasksById.get(row.task_id) : undefined;
      if (!task || task.schedule_id !== schedule.id || task.period_key !== row.period_key) {
        problem(
          'ledgerRowsWithoutTask',
          `${schedule.name}: ${row.period_key} → ${task ? `task for ${task.period_key}` : 'no task'}`,
        );
        continue;
      }
      if (task.generated_late) {
        check.lateTasks += 1;
        if (!task.late_reason?.trim())
          problem('lateWithoutReason', `${schedule.name}: ${row.period_key}`);
      } else if (
        lateness.simulatedAt(task.created_at).getTime() - row.occurrence_at.getTime() >
        lateness.toleranceMs
      ) {
        problem(
          'lateNotMarked',
          `${schedule.name}: ${row.period_key} created at simulated ${lateness.simulatedAt(task.created_at).toISOString()}`,
        );
      }
    }
  }
  return check;
}

function toRows<T>(result: unknown): T[] {
  const rows = (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  // postgres.js returns timestamps as strings through db.execute.
  return rows.map((row) => {
    const copy = { ...(row as Record<string, unknown>) };
    for (const key of ['occurrence_at', 'created_at']) {
      if (typeof copy[key] === 'string') copy[key] = new Date(copy[key] as string);
    }
    return copy as T;
  });
}

import type { FaultSuiteReport } from './run-fault-suite';

const n = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The figures a reader of the run wants, whatever its outcome. */
export function formatReport(report: FaultSuiteReport): string {
  const { check, size } = report;
  const faults = Object.entries(report.faultsByKind).map(([kind, count]) => `${kind} ${count}`);
  const starts = [...report.workerStartMs].sort((a, b) => a - b);
  return [
    `Fault suite: ${report.problems.length ? 'FAILED' : 'passed'} — seed ${report.seed} (VIGIL_FAULTS_SEED=${report.seed} replays it)`,
    `  schedules ${n(size.schedules)}; simulated ${size.simulatedStart.toISOString()} → ${report.simulatedEnd.toISOString()} (${n(size.simulatedDays)} days) at ${n(Math.round(report.speed))}×`,
    `  faults injected: ${faults.join(', ')} (${report.faults.length} in all)`,
    `  periods expected ${n(check.expected)}; tasks ${n(check.tasks)}; missed ${n(check.missed)}; duplicates ${n(check.duplicates)}`,
    `  missing ${check.missing}; unexpected ${check.unexpected}; wrong instant ${check.wrongInstant}; tasks without ledger row ${check.tasksWithoutLedgerRow}; ledger rows without their task ${check.ledgerRowsWithoutTask}`,
    `  late tasks ${n(check.lateTasks)} (without a reason ${check.lateWithoutReason}; late but not marked ${check.lateNotMarked}); missed without a reason ${check.missedWithoutReason}`,
    `  worker starts ${starts.length} (median ${seconds(starts[Math.floor(starts.length / 2)] ?? 0)}); exits by itself ${report.unexpectedWorkerExits.length}; catch-up after the simulated end ${seconds(report.catchUpMs)}`,
    `  real duration ${seconds(report.realDurationMs)} (simulated span ${size.realSeconds} s)`,
    ...(report.problems.length ? ['  problems:', ...report.problems.map((p) => `    - ${p}`)] : []),
    ...(check.samples.length ? ['  examples:', ...check.samples.map((s) => `    - ${s}`)] : []),
  ].join('\n');
}

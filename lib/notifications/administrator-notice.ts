import type { Tx } from '@/db/client';

// What administrators must hear about because something did not happen as planned. Queued in
// the transaction that records the fact (a missed period, a fallback owner), delivered by the
// worker like every other email.
export type AdministratorNotice =
  | {
      kind: 'periods-missed';
      scheduleId: string;
      periods: { periodKey: string; occurrenceAt: Date }[];
      reason: string;
    }
  | {
      kind: 'owner-fallback';
      scheduleId: string;
      /** e.g. "the schedule owner is deactivated" */
      reason: string;
      /** The owner the generated task went to: "user:<id>", "team:<id>" or "" */
      fallbackOwner: string;
    };

/** Queues the notice for every active administrator. */
export async function queueAdministratorNotice(_tx: Tx, _notice: AdministratorNotice): Promise<void> {
  // Placeholder until the administrators' notice emails exist.
}

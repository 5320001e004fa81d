import { loadLimit } from './load-limits-env';

// How many exports each person runs at once (VIGIL_EXPORTS_PER_USER, 2 unless set), counted
// in this web process: a script or a stuck browser cannot take the whole export pool from
// everyone else. With several web processes behind a load balancer each counts its own, so
// one person may run that many per process; the pool of each process stays bounded anyway.

const globalForSlots = globalThis as unknown as { vigilExportSlots?: Map<string, number> };
const running = (globalForSlots.vigilExportSlots ??= new Map<string, number>());

/** Seconds a refused client is told to wait: about the time a typical export takes. */
export const EXPORT_RETRY_AFTER_SECONDS = 10;

/** A place for one more export of this person, or null when they run as many as allowed. */
export function takeExportSlot(userId: string): { release: () => void } | null {
  const count = running.get(userId) ?? 0;
  if (count >= loadLimit('VIGIL_EXPORTS_PER_USER')) return null;
  running.set(userId, count + 1);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const left = (running.get(userId) ?? 1) - 1;
      if (left > 0) running.set(userId, left);
      else running.delete(userId);
    },
  };
}

/** The 429's message: what the limit is and what to do. */
export function exportBusyMessage(): string {
  const limit = loadLimit('VIGIL_EXPORTS_PER_USER');
  return (
    `You are already running ${limit} exports, the most one person may run at once. ` +
    `Wait for one to finish (or cancel it) and try again in ${EXPORT_RETRY_AFTER_SECONDS} s.`
  );
}

import type { DbOrTx } from '@/db/client';
import { getOrganization } from '@/lib/organization/get-organization';

// The organization's idle timeout and absolute lifetime of a browser session (Settings →
// Organization). The session cookie (a JWT, lib/auth/next-auth.ts) carries when its user
// signed in and when they were last seen; both limits are checked on every request the
// proxy sees, from the cookie alone, so keeping a session alive writes nothing to the database.

export type SessionLimits = { idleMinutes: number; maxHours: number };

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMinutes: 30, maxHours: 12 };

export { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } from './session-limit-bounds';

/** How a session ended: the sign-in page says so (lib/auth/session-ended-message.ts). */
export type SessionEnd =
  { reason: 'idle'; minutes: number } | { reason: 'absolute'; hours: number };

/** Times in milliseconds since the epoch, as the cookie holds them. */
export type SessionTimes = { signedInAt: number; lastSeenAt: number };

/** Why a session has ended at `now`, or null while it is within both limits. */
export function sessionEndAt(
  times: SessionTimes,
  limits: SessionLimits,
  now: number,
): SessionEnd | null {
  if (now - times.signedInAt >= limits.maxHours * 3_600_000)
    return { reason: 'absolute', hours: limits.maxHours };
  if (now - times.lastSeenAt >= limits.idleMinutes * 60_000)
    return { reason: 'idle', minutes: limits.idleMinutes };
  return null;
}

// Read once per interval per process rather than on every request; a change in Settings takes
// effect within that interval.
const CACHE_MS = 10_000;
let cached: { limits: SessionLimits; at: number } | undefined;

export async function getSessionLimits(db: DbOrTx, now = Date.now()): Promise<SessionLimits> {
  if (cached && now - cached.at < CACHE_MS) return cached.limits;
  const org = await getOrganization(db);
  const limits = org
    ? { idleMinutes: org.sessionIdleMinutes, maxHours: org.sessionMaxHours }
    : DEFAULT_SESSION_LIMITS;
  cached = { limits, at: now };
  return limits;
}

/** For the organization's own update: the next request reads the new limits. */
export function forgetSessionLimits(): void {
  cached = undefined;
}

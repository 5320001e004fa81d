// Bounds of the organization's session settings, kept apart from lib/auth/session-limits.ts so
// the settings form in the browser can show them. Also check constraints on the organization table.
export const SESSION_IDLE_MINUTES = { min: 5, max: 480 } as const;
export const SESSION_MAX_HOURS = { min: 1, max: 24 } as const;

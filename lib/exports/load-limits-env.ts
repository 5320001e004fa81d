import { z } from 'zod';

// The variables of the limits that keep exports and uploads from starving everyone else
// (README, "Exports and uploads under load"). lib/env.ts checks them at start so a typo stops
// the process; the code reads them when it needs them (pool creation, each export, each
// upload), falling back to the default when a value is missing or malformed.

const whole = (unit: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const LOAD_LIMIT_DEFAULTS = {
  VIGIL_STATEMENT_TIMEOUT_MS: 15_000,
  VIGIL_EXPORT_POOL: 3,
  VIGIL_EXPORTS_PER_USER: 2,
  VIGIL_EXPORT_IDLE_SECONDS: 30,
  VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB: 500,
  VIGIL_ATTACHMENT_QUOTA_TOTAL_MB: 50 * 1024,
} as const;

export const loadLimitsEnv = {
  // Web process queries; 0 turns the limit off.
  VIGIL_STATEMENT_TIMEOUT_MS: whole('milliseconds', 0, 3_600_000).default(
    LOAD_LIMIT_DEFAULTS.VIGIL_STATEMENT_TIMEOUT_MS,
  ),
  VIGIL_EXPORT_POOL: whole('connections', 1, 50).default(LOAD_LIMIT_DEFAULTS.VIGIL_EXPORT_POOL),
  VIGIL_EXPORTS_PER_USER: whole('exports', 1, 50).default(
    LOAD_LIMIT_DEFAULTS.VIGIL_EXPORTS_PER_USER,
  ),
  VIGIL_EXPORT_IDLE_SECONDS: whole('seconds', 1, 3600).default(
    LOAD_LIMIT_DEFAULTS.VIGIL_EXPORT_IDLE_SECONDS,
  ),
  VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB: whole('MB', 1, 10_000_000).default(
    LOAD_LIMIT_DEFAULTS.VIGIL_ATTACHMENT_QUOTA_PER_ITEM_MB,
  ),
  VIGIL_ATTACHMENT_QUOTA_TOTAL_MB: whole('MB', 1, 1_000_000_000).default(
    LOAD_LIMIT_DEFAULTS.VIGIL_ATTACHMENT_QUOTA_TOTAL_MB,
  ),
};

export type LoadLimit = keyof typeof loadLimitsEnv;

/** The variable's value now, or its default when unset or malformed (lib/env.ts refused that at start). */
export function loadLimit(name: LoadLimit): number {
  const raw = process.env[name];
  const parsed = loadLimitsEnv[name].safeParse(raw === '' ? undefined : raw);
  return parsed.success ? parsed.data : LOAD_LIMIT_DEFAULTS[name];
}

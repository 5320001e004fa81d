import { z } from 'zod';

// The API rates' variables, apart from the limiter so lib/env.ts can check them without Redis.

export const DEFAULT_API_RATE_PER_MINUTE = 600;

const rate = z.coerce
  .number({ error: 'must be a number of requests per minute' })
  .int('must be a whole number')
  .min(0, 'must be 0 (no limit) or more');

/** Checked at start by lib/env.ts (webEnvSchema), read by lib/api/rate-limit.ts on each request. */
export const rateLimitEnv = {
  VIGIL_API_RATE_PER_MINUTE: rate.default(DEFAULT_API_RATE_PER_MINUTE),
  VIGIL_INGEST_RATE_PER_MINUTE: rate.default(0),
};

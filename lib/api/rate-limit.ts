import { Redis } from 'ioredis';
import { z } from 'zod';
import { log } from '@/lib/log';
import { DEFAULT_API_RATE_PER_MINUTE, rateLimitEnv } from './rate-limit-env';

// Requests per token per minute, counted in Redis so every web process shares one count.
// A fixed one-minute window (INCR, and PEXPIRE on the first request) is one atomic round
// trip and needs no library; its cost is that a client may spend two windows' worth
// around a minute's turn, which is fine for a limit meant to stop a runaway script, not
// to meter. Without REDIS_URL, or while Redis does not answer, nothing is limited: the
// limit protects the service, and an outage of Redis should not stop the API.
//
// Two families, counted apart: the API (VIGIL_API_RATE_PER_MINUTE, default 600) and the
// log ingest routes (VIGIL_INGEST_RATE_PER_MINUTE, default no limit): shippers send
// bursts when they catch up after an outage, each request is a batch bounded by its body
// size, and a shipper told 429 holds back the very events the team needs then.

export type RateFamily = 'api' | 'ingest';

const WINDOW_MS = 60_000;

const rateEnvSchema = z.object(rateLimitEnv);

function limitPerMinute(family: RateFamily): number {
  const env = rateEnvSchema.safeParse({
    VIGIL_API_RATE_PER_MINUTE: process.env.VIGIL_API_RATE_PER_MINUTE || undefined,
    VIGIL_INGEST_RATE_PER_MINUTE: process.env.VIGIL_INGEST_RATE_PER_MINUTE || undefined,
  });
  if (!env.success) return family === 'api' ? DEFAULT_API_RATE_PER_MINUTE : 0;
  return family === 'api'
    ? env.data.VIGIL_API_RATE_PER_MINUTE
    : env.data.VIGIL_INGEST_RATE_PER_MINUTE;
}

// Returns the count in this window and the milliseconds until it ends.
const WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

type RateRedis = Redis & { rateWindow(key: string, windowMs: number): Promise<[number, number]> };
const globalForRate = globalThis as unknown as {
  vigilRateRedis?: RateRedis;
  vigilRateUrl?: string;
};

function rateRedis(): RateRedis | undefined {
  const url = process.env.REDIS_URL;
  if (!url) return undefined;
  if (globalForRate.vigilRateRedis && globalForRate.vigilRateUrl === url)
    return globalForRate.vigilRateRedis;
  globalForRate.vigilRateRedis?.disconnect();
  // Fails fast: a request waits at most this long for the count, never for a reconnect.
  const redis = new Redis(url, {
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
  }) as RateRedis;
  redis.on('error', () => {}); // reported once a minute below, not on every reconnect
  redis.defineCommand('rateWindow', { numberOfKeys: 1, lua: WINDOW_SCRIPT });
  globalForRate.vigilRateRedis = redis;
  globalForRate.vigilRateUrl = url;
  return redis;
}

let lastFailureLog = 0;

export type RateDecision =
  { limited: false } | { limited: true; retryAfterSeconds: number; limit: number };

/** Counts one request of `tokenKey` (a hash of the token) in `family`; limited once over the rate. */
export async function countRequest(family: RateFamily, tokenKey: string): Promise<RateDecision> {
  const limit = limitPerMinute(family);
  const redis = limit > 0 ? rateRedis() : undefined;
  if (!redis) return { limited: false };
  const prefix = process.env.VIGIL_REDIS_PREFIX || 'vigil';
  try {
    const [count, ttl] = await redis.rateWindow(`${prefix}:rate:${family}:${tokenKey}`, WINDOW_MS);
    if (count <= limit) return { limited: false };
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)), limit };
  } catch (error) {
    if (Date.now() - lastFailureLog > WINDOW_MS) {
      lastFailureLog = Date.now();
      log('warn', 'API rate limit not checked: Redis did not answer', { error });
    }
    return { limited: false };
  }
}

import { z } from 'zod';
import { rateLimitEnv } from './api/rate-limit-env';
import { loadLimitsEnv } from './exports/load-limits-env';
import { parseTrustedProxies } from './auth/client-address';
import { checkSsoEnv, ssoEnv } from './auth/sso-env';
import { parseTestClock } from './time/clock';
import { isValidTimeZone } from './time/time-zones';

// Each process validates the environment it needs once, at start, and stops with a
// message naming every missing or malformed variable (never a stack trace).

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string({ error: 'is required' })
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), 'must be a postgres:// or postgresql:// URL');

const redisUrl = z
  .string({ error: 'is required' })
  .refine((v) => /^rediss?:\/\/.+/.test(v), 'must be a redis:// or rediss:// URL');

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Every process logs through lib/log.ts, which reads LOG_LEVEL itself (falling back to
// VIGIL_DEBUG, then info); here a misspelt level stops the process instead of being ignored.
const logVars = {
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
};

const authSecret = z
  .string({ error: 'is required (generate one with: openssl rand -base64 33)' })
  .min(32, 'must be at least 32 characters (generate one with: openssl rand -base64 33)');

const publicUrl = z.url({
  error: 'must be the public URL of Vigil, like https://vigil.example.com',
});

const webEnvFields = z.object({
  DATABASE_URL: postgresUrl,
  AUTH_SECRET: authSecret,
  AUTH_URL: publicUrl.optional(),
  AUTH_TRUST_HOST: boolFlag.default(true),
  PORT: port.default(3000),
  // Read per search by lib/events/postgres/search-time-limit.ts; checked here so a typo stops
  // the start instead of quietly meaning the default.
  VIGIL_EVENT_SEARCH_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 ms')
    .max(600_000, 'must be at most 600000 ms (10 minutes)')
    .optional(),
  // The API's per-token rate is counted here (lib/api/rate-limit.ts); unset, nothing is limited.
  REDIS_URL: redisUrl.optional(),
  ...rateLimitEnv,
  // Exports' pool, per-user cap and idle timeout; the statement timeout; attachment quotas.
  ...loadLimitsEnv,
  // Read per request by lib/auth/client-address.ts; checked here for the same reason.
  VIGIL_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, context) => {
      const parsed = parseTrustedProxies(value);
      if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
    }),
  // Single sign-on and the password sign-in switch (lib/auth/sso-env.ts).
  ...ssoEnv,
  ...logVars,
});
export const webEnvSchema = webEnvFields.superRefine(checkSsoEnv);

const emailAddress = z
  .string()
  .trim()
  .refine(
    (v) => /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(v),
    'must be an address like vigil@example.com or "Vigil <vigil@example.com>"',
  );

export const workerEnvSchema = z
  .object({
    DATABASE_URL: postgresUrl,
    REDIS_URL: redisUrl,
    VIGIL_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    // Overdue periods of one schedule that become (late) tasks at once; older ones are recorded as missed.
    VIGIL_CATCH_UP_LIMIT: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000')
      .default(12),
    // Only for the fault suite: simulated time, "<start ISO>@<real start epoch ms>x<speed>".
    VIGIL_TEST_CLOCK: z
      .string()
      .refine((v) => {
        try {
          parseTestClock(v);
          return true;
        } catch {
          return false;
        }
      }, 'must look like 2026-01-01T00:00:00Z@1767225600000x3600')
      .optional(),
    // Days delivered bookkeeping (sent outbox rows, fan-out rows, digest items, reminder
    // claims, the development mailbox) is kept before the daily prune removes it.
    VIGIL_RETENTION_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days')
      .default(30),
    // Key prefix of the job queue in Redis: lets several Vigils (or test runs) share one Redis.
    VIGIL_REDIS_PREFIX: z
      .string()
      .regex(/^[\w:.-]{1,64}$/, 'use letters, digits, ":", ".", "-" or "_"')
      .default('vigil'),
    // Signs the one-click unsubscribe links in emails; the web server checks them with the same value.
    AUTH_SECRET: authSecret,
    // Links in emails point here; unset, where the web server is reached (publicUrlFrom).
    VIGIL_PUBLIC_URL: publicUrl.optional(),
    AUTH_URL: publicUrl.optional(),
    PORT: port.default(3000),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_FROM: emailAddress.optional(),
    // Only for tests and proxies: the Resend SDK reads this name itself too.
    RESEND_BASE_URL: z.url({ error: 'must be a URL' }).optional(),
    SMTP_URL: z
      .string()
      .refine(
        (v) => /^smtps?:\/\/.+/.test(v),
        'must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example.com:587',
      )
      .optional(),
    SMTP_FROM: emailAddress.default('Vigil <vigil@localhost>'),
    // dev: keep emails in the development mailbox (Settings → Outbox) instead of sending them;
    // `npm start` sets it for its embedded database when no mail server is configured.
    VIGIL_MAIL: z.enum(['dev'], { error: 'must be dev or unset' }).optional(),
    ...logVars,
  })
  .refine((env) => !env.RESEND_API_KEY || !!env.RESEND_FROM, {
    path: ['RESEND_FROM'],
    message: 'is required when RESEND_API_KEY is set',
  });

// The schema owner, for migrations only; DATABASE_URL is then the runtime role the app
// connects as (README, "An audit trail the application cannot alter"). Unset, DATABASE_URL
// does both, as installs from before the split did.
const migrationUrl = { DATABASE_MIGRATION_URL: postgresUrl.optional() };

export const cliEnvSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  ...migrationUrl,
  VIGIL_DATA_DIR: z.string().min(1).default('.data'),
  ...logVars,
});

// The syslog receiver (README, "Syslog receiver"): TCP and UDP on one port. Like HOST, it
// answers only this machine unless told otherwise; RFC 3164 times are read in its zone.
export const DEFAULT_SYSLOG_PORT = 5514;
const syslogVars = {
  VIGIL_SYSLOG_HOST: z
    .string()
    .regex(/^[\w.:-]+$/, 'must be an IP address or host name, like 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  VIGIL_SYSLOG_ZONE: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone, like UTC or America/Chicago')
    .default('UTC'),
};

export const syslogEnvSchema = z.object({
  DATABASE_URL: postgresUrl,
  VIGIL_SYSLOG_PORT: port.default(DEFAULT_SYSLOG_PORT),
  ...syslogVars,
  ...logVars,
});

export const launcherEnvFields = z.object({
  DATABASE_URL: postgresUrl.optional(),
  ...migrationUrl,
  REDIS_URL: redisUrl.optional(),
  AUTH_SECRET: authSecret.optional(),
  PORT: port.default(3000),
  // Vigil holds security incidents: by default it answers only on this machine. Serving
  // other machines is a deliberate HOST=0.0.0.0 (ideally behind a TLS proxy).
  HOST: z
    .string()
    .regex(/^[\w.:-]+$/, 'must be an IP address or host name, like 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  VIGIL_DATA_DIR: z.string().min(1).default('.data'),
  VIGIL_PUBLIC_URL: publicUrl.optional(),
  AUTH_URL: publicUrl.optional(),
  VIGIL_ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
  VIGIL_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  // Unset: demo data only in the embedded database (scripts/start.ts), never on DATABASE_URL.
  VIGIL_DEMO_DATA: boolFlag.optional(),
  // Unset: the receiver runs on DEFAULT_SYSLOG_PORT if that port is free; "off" never.
  VIGIL_SYSLOG_PORT: z
    .union([z.literal('off'), port], { error: 'must be a port number or off' })
    .optional(),
  ...syslogVars,
  // Passed on to the web server it starts, so checked here too.
  ...ssoEnv,
  ...logVars,
});
export const launcherEnvSchema = launcherEnvFields.superRefine(checkSsoEnv);

/**
 * The base of every link in an email, without a trailing slash: VIGIL_PUBLIC_URL, else
 * where Auth.js is told the server is reached (AUTH_URL, less its /api/auth), else the port
 * the web server listens on. A fixed default would send every link to a port nobody serves.
 */
export function publicUrlFrom(env: {
  VIGIL_PUBLIC_URL?: string;
  AUTH_URL?: string;
  PORT: number;
}): string {
  if (env.VIGIL_PUBLIC_URL) return env.VIGIL_PUBLIC_URL.replace(/\/+$/, '');
  if (env.AUTH_URL) {
    const url = new URL(env.AUTH_URL);
    const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/auth$/, '');
    return `${url.origin}${path}`;
  }
  return `http://localhost:${env.PORT}`;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Vigil cannot start: the environment is not valid.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'EnvError';
  }
}

/** Parses `source` (process.env by default), treating empty strings as unset. */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): z.output<S> {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
}

/** For process entry points: on a bad environment, print what is wrong and exit. */
export function loadEnvOrExit<S extends z.ZodObject>(schema: S): z.output<S> {
  try {
    return parseEnv(schema);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

export type WebEnv = z.output<typeof webEnvSchema>;
export type WorkerEnv = z.output<typeof workerEnvSchema>;
export type SyslogEnv = z.output<typeof syslogEnvSchema>;

import { describe, expect, it } from 'vitest';
import { EnvError, launcherEnvSchema, parseEnv, webEnvSchema, workerEnvSchema } from '@/lib/env';

const secret = 'x'.repeat(40);

describe('environment validation', () => {
  it('names every missing variable', () => {
    try {
      parseEnv(workerEnvSchema, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toContain('DATABASE_URL is required');
      expect(message).toContain('REDIS_URL is required');
    }
  });

  it('names a malformed variable and says what it should be', () => {
    expect(() =>
      parseEnv(webEnvSchema, {
        DATABASE_URL: 'postgres://h/db',
        AUTH_SECRET: secret,
        VIGIL_EVENT_SEARCH_TIMEOUT_MS: '15s',
      }),
    ).toThrow(/VIGIL_EVENT_SEARCH_TIMEOUT_MS must be a number of milliseconds/);
    expect(() =>
      parseEnv(webEnvSchema, {
        DATABASE_URL: 'postgres://h/db',
        AUTH_SECRET: secret,
        VIGIL_TRUSTED_PROXIES: 'lb.example.com',
      }),
    ).toThrow(/VIGIL_TRUSTED_PROXIES "lb.example.com" is not an address or CIDR/);
    expect(() =>
      parseEnv(webEnvSchema, { DATABASE_URL: 'mysql://x', AUTH_SECRET: secret }),
    ).toThrow(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(() =>
      parseEnv(webEnvSchema, { DATABASE_URL: 'postgres://h/db', AUTH_SECRET: 'short' }),
    ).toThrow(/AUTH_SECRET must be at least 32 characters/);
    expect(() =>
      parseEnv(webEnvSchema, {
        DATABASE_URL: 'postgres://h/db',
        AUTH_SECRET: secret,
        PORT: '99999',
      }),
    ).toThrow(/PORT must be between 1 and 65535/);
  });

  it('applies defaults and treats empty values as unset', () => {
    const env = parseEnv(webEnvSchema, {
      DATABASE_URL: 'postgres://h/db',
      AUTH_SECRET: secret,
      PORT: '',
    });
    expect(env.PORT).toBe(3000);
    expect(env.AUTH_TRUST_HOST).toBe(true);
    const launcher = parseEnv(launcherEnvSchema, {});
    expect(launcher.VIGIL_DATA_DIR).toBe('.data');
    // Unset: scripts/start.ts decides by whether the database is the embedded one.
    expect(launcher.VIGIL_DEMO_DATA).toBeUndefined();
  });

  it("validates the worker's catch-up limit and test clock", () => {
    const base = { DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://h', AUTH_SECRET: secret };
    expect(parseEnv(workerEnvSchema, base).VIGIL_CATCH_UP_LIMIT).toBe(12);
    expect(
      parseEnv(workerEnvSchema, { ...base, VIGIL_CATCH_UP_LIMIT: '30' }).VIGIL_CATCH_UP_LIMIT,
    ).toBe(30);
    expect(() => parseEnv(workerEnvSchema, { ...base, VIGIL_CATCH_UP_LIMIT: '0' })).toThrow(
      /VIGIL_CATCH_UP_LIMIT must be at least 1/,
    );
    expect(() => parseEnv(workerEnvSchema, { ...base, VIGIL_CATCH_UP_LIMIT: 'many' })).toThrow(
      /VIGIL_CATCH_UP_LIMIT/,
    );
    expect(
      parseEnv(workerEnvSchema, {
        ...base,
        VIGIL_TEST_CLOCK: '2026-01-01T00:00:00Z@1767225600000x3600',
      }).VIGIL_TEST_CLOCK,
    ).toBeDefined();
    expect(() => parseEnv(workerEnvSchema, { ...base, VIGIL_TEST_CLOCK: 'tomorrow' })).toThrow(
      /VIGIL_TEST_CLOCK must look like/,
    );
  });

  it('validates the retention in days, 30 by default', () => {
    const base = { DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://h', AUTH_SECRET: secret };
    expect(parseEnv(workerEnvSchema, base).VIGIL_RETENTION_DAYS).toBe(30);
    expect(
      parseEnv(workerEnvSchema, { ...base, VIGIL_RETENTION_DAYS: '90' }).VIGIL_RETENTION_DAYS,
    ).toBe(90);
    expect(() => parseEnv(workerEnvSchema, { ...base, VIGIL_RETENTION_DAYS: '0' })).toThrow(
      /VIGIL_RETENTION_DAYS must be at least 1 day/,
    );
    expect(() => parseEnv(workerEnvSchema, { ...base, VIGIL_RETENTION_DAYS: '1.5' })).toThrow(
      /VIGIL_RETENTION_DAYS must be a whole number of days/,
    );
    expect(() => parseEnv(workerEnvSchema, { ...base, VIGIL_RETENTION_DAYS: 'month' })).toThrow(
      /VIGIL_RETENTION_DAYS must be a number of days/,
    );
  });

  it('reads boolean flags strictly', () => {
    expect(parseEnv(launcherEnvSchema, { VIGIL_DEMO_DATA: 'false' }).VIGIL_DEMO_DATA).toBe(false);
    expect(() => parseEnv(launcherEnvSchema, { VIGIL_DEMO_DATA: 'maybe' })).toThrow(
      /VIGIL_DEMO_DATA must be true or false/,
    );
  });
});

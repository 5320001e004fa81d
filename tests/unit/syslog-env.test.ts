import { describe, expect, it } from 'vitest';
import { launcherEnvSchema, parseEnv, syslogEnvSchema } from '@/lib/env';

const db = { DATABASE_URL: 'postgres://h/db' };

describe('syslog receiver settings', () => {
  it('default to port 5514 on this machine only, BSD times in UTC', () => {
    expect(parseEnv(syslogEnvSchema, db)).toMatchObject({
      VIGIL_SYSLOG_PORT: 5514,
      VIGIL_SYSLOG_HOST: '127.0.0.1',
      VIGIL_SYSLOG_ZONE: 'UTC',
    });
    expect(parseEnv(launcherEnvSchema, {}).VIGIL_SYSLOG_PORT).toBeUndefined();
  });

  it('take a port, or off for npm start', () => {
    expect(parseEnv(launcherEnvSchema, { VIGIL_SYSLOG_PORT: 'off' }).VIGIL_SYSLOG_PORT).toBe('off');
    expect(parseEnv(launcherEnvSchema, { VIGIL_SYSLOG_PORT: '6514' }).VIGIL_SYSLOG_PORT).toBe(6514);
    expect(() => parseEnv(launcherEnvSchema, { VIGIL_SYSLOG_PORT: 'syslog' })).toThrow(
      /VIGIL_SYSLOG_PORT must be a port number or off/,
    );
    expect(() => parseEnv(syslogEnvSchema, { ...db, VIGIL_SYSLOG_PORT: 'off' })).toThrow(
      /VIGIL_SYSLOG_PORT/,
    );
  });

  it('name a zone that does not exist', () => {
    expect(() => parseEnv(syslogEnvSchema, { ...db, VIGIL_SYSLOG_ZONE: 'Chicago' })).toThrow(
      /VIGIL_SYSLOG_ZONE must be an IANA time zone/,
    );
    expect(
      parseEnv(syslogEnvSchema, { ...db, VIGIL_SYSLOG_ZONE: 'America/Chicago' }),
    ).toMatchObject({
      VIGIL_SYSLOG_ZONE: 'America/Chicago',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseEnv, workerEnvSchema } from '@/lib/env';
import { mailConfigFromEnv } from '@/lib/email/mail-config';

const base = {
  DATABASE_URL: 'postgres://h/db',
  REDIS_URL: 'redis://h:6379',
  AUTH_SECRET: 'x'.repeat(40),
};

const publicUrl = (extra: Record<string, string>) =>
  mailConfigFromEnv(parseEnv(workerEnvSchema, { ...base, ...extra })).publicUrl;

describe('the public URL links in emails point at', () => {
  it('is the port the server runs on when nothing else is said', () => {
    expect(publicUrl({ PORT: '4123' })).toBe('http://localhost:4123');
    expect(publicUrl({})).toBe('http://localhost:3000');
  });

  it('is where AUTH_URL says the server is reached, without the Auth.js path', () => {
    expect(publicUrl({ PORT: '4123', AUTH_URL: 'https://vigil.bank.example/api/auth' })).toBe(
      'https://vigil.bank.example',
    );
    expect(publicUrl({ AUTH_URL: 'https://bank.example/vigil/' })).toBe(
      'https://bank.example/vigil',
    );
  });

  it('is VIGIL_PUBLIC_URL when it is set', () => {
    expect(
      publicUrl({
        PORT: '4123',
        AUTH_URL: 'https://internal.bank.example',
        VIGIL_PUBLIC_URL: 'https://vigil.bank.example/',
      }),
    ).toBe('https://vigil.bank.example');
  });

  it('stops the start on a malformed AUTH_URL rather than mailing broken links', () => {
    expect(() => parseEnv(workerEnvSchema, { ...base, AUTH_URL: 'vigil.bank' })).toThrow(
      /AUTH_URL must be/,
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv, webEnvSchema } from '@/lib/env';
import { log, logger, logLevelFrom, withLogContext } from '@/lib/log';
import { captureLogs } from '@/tests/support/log-capture';

let capture: ReturnType<typeof captureLogs>;
afterEach(() => capture?.stop());

function logOne(extra: Record<string, unknown>) {
  capture = captureLogs();
  log('error', 'something failed', extra);
  expect(capture.lines).toHaveLength(1);
  return { line: capture.lines[0], raw: capture.raw() };
}

// Built the way postgres.js builds a PostgresError (fields on the error itself) and drizzle
// wraps it ("Failed query: …\nparams: …").
function failedQuery(values: unknown[]) {
  const driver = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
    name: 'PostgresError',
    code: '22021',
    severity: 'ERROR',
    query: 'insert into incidents (title, description) values ($1, $2)',
    parameters: values,
    args: values,
    detail: `Key (title)=(${values[0]}) already exists.`,
  });
  const query = 'insert into "incidents" ("title", "description") values ($1, $2)';
  return Object.assign(
    new Error(`Failed query: ${query}\nparams: ${values.join(',')}`, { cause: driver }),
    { name: 'DrizzleQueryError', query, params: values },
  );
}

describe('log lines', () => {
  it('are JSON with time, level, message and the fields given', () => {
    const { line } = logOne({ incident: 42 });
    expect(line).toMatchObject({ level: 'error', message: 'something failed', incident: 42 });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it('take their level from LOG_LEVEL, else VIGIL_DEBUG, else info', () => {
    expect(logLevelFrom({})).toBe('info');
    expect(logLevelFrom({ VIGIL_DEBUG: '1' })).toBe('debug');
    expect(logLevelFrom({ VIGIL_DEBUG: '1', LOG_LEVEL: 'warn' })).toBe('warn');
    expect(logLevelFrom({ LOG_LEVEL: 'nonsense' })).toBe('info');
    expect(() =>
      parseEnv(webEnvSchema, {
        DATABASE_URL: 'postgres://h/db',
        AUTH_SECRET: 'x'.repeat(40),
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(/LOG_LEVEL must be one of trace, debug/);
  });
});

describe('redaction', () => {
  const secret = 'Sup3r-s3cret-value';
  it.each([
    ['password', { password: secret }],
    ['a nested password', { user: { profile: { login: { newPassword: secret } } } }],
    ['a token', { apiToken: secret }],
    ['an API key', { RESEND_API_KEY: secret }],
    ['AUTH_SECRET', { env: { AUTH_SECRET: secret } }],
    ['an authorization header', { headers: { authorization: `Bearer ${secret}` } }],
    ['a bearer token inside a string', { note: `curl -H "Authorization: Bearer ${secret}"` }],
    ['a cookie', { headers: { cookie: `authjs.session-token=${secret}` } }],
    [
      'a set-cookie header',
      { response: { headers: { 'set-cookie': [`authjs.session-token=${secret}`] } } },
    ],
    [
      'a Headers object',
      { headers: new Headers({ authorization: `Basic ${secret}`, 'x-api-key': secret }) },
    ],
    ['an SMTP URL with credentials', { transport: `smtp://vigil:${secret}@mail.example.com:587` }],
    [
      'a database URL in an error message',
      { error: new Error(`connect failed for postgres://vigil:${secret}@db:5432/vigil`) },
    ],
    [
      'SQL parameters at depth 7',
      { a: { b: { c: { d: { e: { f: { parameters: [secret] } } } } } } },
    ],
  ])('removes %s', (_kind, extra) => {
    const { raw } = logOne(extra);
    expect(raw).not.toContain(secret);
    expect(raw).toContain('[redacted]');
  });

  it('keeps the SQL text with its placeholders and drops the values of a failed query', () => {
    const { line, raw } = logOne({
      error: failedQuery([`Breach at ${secret}`, 'the whole description']),
    });
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain('the whole description');
    const error = line.error as Record<string, unknown>;
    expect(error.message).toBe(
      'Failed query: insert into "incidents" ("title", "description") values ($1, $2)\nparams: [redacted]',
    );
    expect(error.params).toBe('[redacted]');
    expect(error.cause).toMatchObject({
      name: 'PostgresError',
      code: '22021',
      query: 'insert into incidents (title, description) values ($1, $2)',
      parameters: '[redacted]',
      args: '[redacted]',
      detail: '[redacted]',
    });
  });

  it('removes literals written into a statement', () => {
    const error = Object.assign(new Error('syntax error'), {
      query: `select * from users where email = '${secret}' and id = $1`,
    });
    const { line, raw } = logOne({ error });
    expect(raw).not.toContain(secret);
    expect((line.error as { query: string }).query).toBe(
      "select * from users where email = '[redacted]' and id = $1",
    );
  });
});

describe('errors', () => {
  it('keep a cause chain of three', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const middle = new Error('could not load the incident', { cause: root });
    const top = new Error('closing INC-7 failed', { cause: middle });
    const { line } = logOne({ error: top });
    expect(line.error).toMatchObject({
      message: 'closing INC-7 failed',
      cause: {
        message: 'could not load the incident',
        cause: { message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' },
      },
    });
    expect((line.error as { stack: string }).stack).toContain('closing INC-7 failed');
  });

  it('keep the errors of an AggregateError and stop at a cycle', () => {
    const a = new Error('first');
    const b = new Error('second', { cause: a });
    (a as Error & { cause?: unknown }).cause = b;
    const { line } = logOne({ error: new AggregateError([a, new Error('third')], 'all failed') });
    const error = line.error as {
      errors: { message: string; cause?: { message: string; cause?: unknown } }[];
    };
    expect(error.errors.map((e) => e.message)).toEqual(['first', 'third']);
    expect(error.errors[0].cause).toMatchObject({ message: 'second', cause: '[circular]' });
  });
});

describe('context', () => {
  it('a child scope puts its ids on every line logged inside it, however deep the call', async () => {
    capture = captureLogs();
    await withLogContext({ requestId: 'r-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log('info', 'inside');
      await withLogContext({ jobId: 'j-1' }, async () => logger().warn('nested'));
    });
    log('info', 'outside');
    expect(capture.lines.map((l) => [l.message, l.requestId, l.jobId])).toEqual([
      ['inside', 'r-1', undefined],
      ['nested', 'r-1', 'j-1'],
      ['outside', undefined, undefined],
    ]);
  });
});

describe('the pino logger used directly', () => {
  it("does not take a failed query's message, values included, as the line's message", () => {
    capture = captureLogs();
    logger().error(failedQuery(['Sup3r-s3cret-value']));
    logger().warn(`retrying smtp://vigil:Sup3r-s3cret-value@mail.example.com`);
    expect(capture.raw()).not.toContain('Sup3r-s3cret-value');
    expect(capture.lines[0].message).toMatch(/^Failed query: .*\$1.*\nparams: \[redacted\]$/s);
  });
});

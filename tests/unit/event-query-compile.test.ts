import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileEventQuery, likePattern, wordRegex } from '@/lib/events/postgres/compile-query';
import { parseEventQuery } from '@/lib/events/query/parse';

// The compiler's SQL: every value and field name a bind parameter, never text in the SQL.

const dialect = new PgDialect({ casing: 'snake_case' });
const compile = (text: string) => dialect.sqlToQuery(compileEventQuery(parseEventQuery(text)));

describe('parameters only', () => {
  const HOSTILE = [
    "a:'); drop table events; --",
    'message:"\'; delete from users; --"',
    '"x\' or 1=1 --"',
    'geo_dest.country:"US\') or true --"',
    "drop\\'table:x",
    'port:[1\\; TO 2]',
    'timestamp:>=2026-03-01',
    'user:$$evil$$*',
  ];
  it.each(HOSTILE)('%s', (text) => {
    const { sql, params } = compile(text);
    // The SQL text is the compiler's own: identifiers, operators, $n and fixed literals.
    const withoutFixed = sql
      .replace(/\$\d+/g, '')
      .replace(/'\^-\?\[0-9\]\+\(\\\.\[0-9\]\+\)\?\$'/g, '')
      .replace(/'array'/g, '')
      .replace(/''/g, '');
    expect(withoutFixed).not.toMatch(/'|;|--|\$\$|drop|delete|evil/i);
    expect(params.length).toBeGreaterThan(0);
  });

  it('passes field names of `fields` as parameters', () => {
    const { sql, params } = compile('geo_dest.country:US');
    expect(sql).toContain('lower(("events"."fields" ->> $2)) = $3');
    expect(sql).toContain('jsonb_array_elements_text(("events"."fields" -> $5))');
    expect(params).toEqual([
      'geo_dest.country',
      'geo_dest.country',
      'us',
      'geo_dest.country',
      'geo_dest.country',
      'us',
    ]);
  });

  it('compares a letterless event_id with the column itself, so its index serves it', () => {
    expect(compile('event_id:4625')).toMatchObject({
      sql: '("events"."event_id" is not null and "events"."event_id" = $1)',
      params: ['4625'],
    });
    expect(compile('event_id:abc').sql).toContain('lower("events"."event_id") = $1');
  });
});

describe('patterns', () => {
  it('turns wildcards into LIKE and keeps LIKE metacharacters literal', () => {
    expect(likePattern('srv*')).toBe('srv%');
    expect(likePattern('srv-0?')).toBe('srv-0_');
    expect(likePattern('100%_done*')).toBe('100\\%\\_done%');
    expect(likePattern('a\\*b*')).toBe('a*b%');
    expect(likePattern('back\\\\slash')).toBe('back\\\\slash');
  });

  it('matches a term as a word and a phrase as a run of words', () => {
    const matches = (value: string, wildcard: boolean, text: string) =>
      new RegExp(
        wordRegex({ value, wildcard })
          .replaceAll('[:alnum:]', 'A-Za-z0-9')
          .replaceAll('[:space:]', '\\s'),
        'i',
      ).test(text);
    expect(matches('wi', false, 'Office wi controller')).toBe(true);
    expect(matches('wi', false, 'Windows update')).toBe(false);
    expect(matches('127.0.0.1', false, 'src inside:127.0.0.1/40000')).toBe(true);
    expect(matches('127.0.0.1', false, 'src 127.0.0.10')).toBe(false);
    expect(matches('failed to log', false, 'An account FAILED  to log on.')).toBe(true);
    expect(matches('fail*', true, 'Failed password')).toBe(true);
    expect(matches('fail*', true, 'Unfailing')).toBe(false);
    expect(matches('a.c', false, 'abc')).toBe(false);
  });
});

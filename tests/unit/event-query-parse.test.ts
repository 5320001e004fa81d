import { describe, expect, it } from 'vitest';
import { EventQuerySyntaxError, parseEventQuery } from '@/lib/events/query/parse';
import type { QueryNode } from '@/lib/events/types';

// The query language's parser: the tree each construct becomes, and where errors point.

const term = (field: string | null, value: string, extra: Partial<QueryNode> = {}): QueryNode =>
  ({ type: 'term', field, value, phrase: false, wildcard: false, ...extra }) as QueryNode;
const phrase = (field: string | null, value: string) => term(field, value, { phrase: true });
const and = (left: QueryNode, right: QueryNode): QueryNode => ({ type: 'and', left, right });
const or = (left: QueryNode, right: QueryNode): QueryNode => ({ type: 'or', left, right });
const not = (operand: QueryNode): QueryNode => ({ type: 'not', operand });
const range = (
  field: string,
  lower: string | null,
  upper: string | null,
  includeLower: boolean,
  includeUpper: boolean,
): QueryNode => ({ type: 'range', field, lower, upper, includeLower, includeUpper });

describe('the tree of each construct', () => {
  const cases: [string, QueryNode][] = [
    [
      'app_name:("microsoft-windows-security-auditing" OR "DefenseStorm Agent") AND (event_id:4720 OR event_id:624 OR event_id:4722 OR event_id:626) AND NOT category:("alert")',
      and(
        and(
          or(
            phrase('app_name', 'microsoft-windows-security-auditing'),
            phrase('app_name', 'DefenseStorm Agent'),
          ),
          or(
            or(or(term('event_id', '4720'), term('event_id', '624')), term('event_id', '4722')),
            term('event_id', '626'),
          ),
        ),
        not(phrase('category', 'alert')),
      ),
    ],
    ['', { type: 'all' }],
    ['   ', { type: 'all' }],
    ['*', { type: 'all' }],
    ['wi fi', or(term(null, 'wi'), term(null, 'fi'))],
    ['"wi fi"', phrase(null, 'wi fi')],
    ['a AND b OR c', or(and(term(null, 'a'), term(null, 'b')), term(null, 'c'))],
    ['a OR b AND c', or(term(null, 'a'), and(term(null, 'b'), term(null, 'c')))],
    ['a && b || c', or(and(term(null, 'a'), term(null, 'b')), term(null, 'c'))],
    ['a AND (b OR c)', and(term(null, 'a'), or(term(null, 'b'), term(null, 'c')))],
    ['NOT a AND b', and(not(term(null, 'a')), term(null, 'b'))],
    ['a AND NOT b OR c', or(and(term(null, 'a'), not(term(null, 'b'))), term(null, 'c'))],
    ['a OR NOT b', or(term(null, 'a'), not(term(null, 'b')))],
    ['a NOT b', and(term(null, 'a'), not(term(null, 'b')))],
    ['a b -c', and(or(term(null, 'a'), term(null, 'b')), not(term(null, 'c')))],
    ['a -host:c', and(term(null, 'a'), not(term('host', 'c')))],
    ['a +b', and(term(null, 'a'), term(null, 'b'))],
    ['host: srv01', term('host', 'srv01')],
    ['geo_dest.country:US', term('geo_dest.country', 'US')],
    ['f:(a OR "b c")', or(term('f', 'a'), phrase('f', 'b c'))],
    ['f:(a b)', or(term('f', 'a'), term('f', 'b'))],
    ['f:(a OR g:b)', or(term('f', 'a'), term('g', 'b'))],
    ['f:(a OR (b AND c))', or(term('f', 'a'), and(term('f', 'b'), term('f', 'c')))],
    ['127.0.0.1', term(null, '127.0.0.1')],
    ['bro_dns', term(null, 'bro_dns')],
    ['microsoft-windows-search', term(null, 'microsoft-windows-search')],
    ['--', term(null, '--')],
    ['/var/log', term(null, '/var/log')],
    ['path:/var/log/messages', term('path', '/var/log/messages')],
    ['srv*', term(null, 'srv*', { wildcard: true })],
    ['host:srv-0?', term('host', 'srv-0?', { wildcard: true })],
    ['foo\\*bar', term(null, 'foo*bar')],
    ['foo\\*bar*', term(null, 'foo\\*bar*', { wildcard: true })],
    ['"srv*"', phrase(null, 'srv*')],
    ['"say \\"hi\\""', phrase(null, 'say "hi"')],
    ['user:*', { type: 'exists', field: 'user' }],
    ['port:[100 TO *]', range('port', '100', null, true, true)],
    ['port:[* TO 100}', range('port', null, '100', true, false)],
    ['port:{1 TO 5]', range('port', '1', '5', false, true)],
    ['port:[* TO *]', { type: 'exists', field: 'port' }],
    ['port:>100', range('port', '100', null, false, false)],
    ['port:>=100', range('port', '100', null, true, false)],
    ['port:<100', range('port', null, '100', false, false)],
    ['port:<=100', range('port', null, '100', false, true)],
    ['host:[a TO m]', range('host', 'a', 'm', true, true)],
    [
      'timestamp:[2026-03-01 TO 2026-03-31]',
      range('timestamp', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', true, false),
    ],
    [
      'timestamp:{2026-03-01 TO 2026-03-31}',
      range('timestamp', '2026-03-02T00:00:00.000Z', '2026-03-31T00:00:00.000Z', true, false),
    ],
    [
      'timestamp:>=2026-03-01T10:00:00Z',
      range('timestamp', '2026-03-01T10:00:00.000Z', null, true, false),
    ],
    // Without an offset, a time is UTC.
    [
      'timestamp:<2026-03-01T10:00',
      range('timestamp', null, '2026-03-01T10:00:00.000Z', false, false),
    ],
    [
      'timestamp:2026-03-05',
      range('timestamp', '2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z', true, false),
    ],
    // A `)` that closes nothing is an ordinary character.
    [
      "a:'); drop table events; --",
      or(
        or(
          or(or(term('a', "');"), term(null, 'drop')), term(null, 'table')),
          term(null, 'events;'),
        ),
        term(null, '--'),
      ),
    ],
  ];
  it.each(cases)('%s', (text, tree) => {
    expect(parseEventQuery(text)).toEqual(tree);
  });
});

describe('syntax errors say where and what was expected', () => {
  const cases: [string, number, string[]][] = [
    ['(a OR b', 7, ['a closing parenthesis']],
    ['app_name:(a OR b', 16, ['a closing parenthesis']],
    ['message:"failed to', 18, ['a closing quote (")']],
    ['a AND', 5, ['a term or phrase after AND']],
    ['a OR NOT', 8, ['a term or phrase after OR NOT']],
    ['(a AND ) b', 7, ['a term or phrase after AND']],
    ['AND a', 0, ['a term or phrase before AND']],
    ['b (OR a)', 3, ['a term or phrase before OR']],
    ['NOT NOT a', 4, ['a term or phrase after NOT']],
    ['time:10:30', 7, ['a value without ":" (put quotes around a value that contains a colon)']],
    ['port:[1 5]', 8, ['TO']],
    ['port:[1 TO', 10, ['an upper bound and ] or }']],
    ['host:', 5, ['a value after the colon']],
    ['port:>', 6, ['a value after >']],
    ['>100', 0, ['a field name']],
    ['[1 TO 5]', 0, ['a field name']],
    ['timestamp:>yesterday', 10, ['a date and time, such as 2026-03-01T10:00:00Z']],
    ['timestamp:2026-13-45', 10, ['a date and time, such as 2026-03-01T10:00:00Z']],
    ['timestamp:2026*', 10, ['a date and time']],
    ['logon~2', 0, ['a term or phrase without ~']],
  ];
  it.each(cases)('%s', (text, position, expected) => {
    let caught: unknown;
    try {
      parseEventQuery(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventQuerySyntaxError);
    const error = caught as EventQuerySyntaxError;
    expect({ position: error.position, expected: error.expected }).toEqual({ position, expected });
    expect(error.message).toMatch(/character \d+|end of the query/);
    expect(error.status).toBe(400);
    expect(error.fieldErrors.q).toBe(error.message);
  });
});

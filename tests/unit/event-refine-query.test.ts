import { describe, expect, it } from 'vitest';
import { parseEventQuery } from '@/lib/events/query/parse';
import { queryValue, refineQuery } from '@/lib/events/refine-query';
import type { QueryNode } from '@/lib/events/types';

// Clicking a field value on the Events page: the query narrowed by `field:value`, which must
// mean exactly "what it matched before, and this value".

const term = (field: string, value: string, phrase = false): QueryNode => ({
  type: 'term',
  field,
  value,
  phrase,
  wildcard: false,
});

describe('refining a query by a clicked value', () => {
  it('starts a query when there is none', () => {
    expect(refineQuery('', 'hostname', 'srv-dc01')).toBe('hostname:srv-dc01');
    expect(refineQuery('   ', 'event_id', '4625')).toBe('event_id:4625');
  });

  it('ANDs onto a query whose top level is already an AND or one clause', () => {
    expect(refineQuery('event_id:4625 AND hostname:srv*', 'user', 'jdoe')).toBe(
      'event_id:4625 AND hostname:srv* AND user:jdoe',
    );
    expect(refineQuery('event_id:4625', 'user', 'jdoe')).toBe('event_id:4625 AND user:jdoe');
  });

  it('wraps an OR (a space is an OR) in parentheses first', () => {
    const refined = refineQuery('wi fi', 'hostname', 'ap-01');
    expect(refined).toBe('(wi fi) AND hostname:ap-01');
    const tree = parseEventQuery(refined);
    expect(tree.type).toBe('and');
    expect(tree.type === 'and' && tree.right).toEqual(term('hostname', 'ap-01'));
  });

  it('leaves punctuation bare and quotes what the language would read otherwise', () => {
    expect(queryValue('127.0.0.1')).toBe('127.0.0.1');
    expect(queryValue('microsoft-windows-search')).toBe('microsoft-windows-search');
    expect(queryValue('bro_dns')).toBe('bro_dns');
    expect(queryValue('DefenseStorm Agent')).toBe('"DefenseStorm Agent"');
    expect(queryValue('C:\\Windows\\System32')).toBe('"C:\\\\Windows\\\\System32"');
    expect(queryValue('a"b')).toBe('"a\\"b"');
    expect(queryValue('OR')).toBe('"OR"');
    expect(queryValue('-1')).toBe('"-1"');
    expect(queryValue('srv*')).toBe('"srv*"');
    expect(queryValue('')).toBe('""');
  });

  it('reads back as the value itself, whatever it holds', () => {
    for (const value of [
      'DefenseStorm Agent',
      'C:\\Windows\\System32\\cmd.exe',
      'say "hi"',
      '(x)',
      'a:b',
      'NOT',
      'srv*',
      '10.0.0.5',
    ]) {
      const tree = parseEventQuery(refineQuery('', 'message', value));
      expect(tree, value).toMatchObject({ type: 'term', field: 'message', value, wildcard: false });
    }
  });
});

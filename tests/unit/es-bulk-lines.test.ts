import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { parseBulkBody } from '@/lib/events/elastic/bulk-lines';

const lines = (...items: unknown[]) =>
  items.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

function refusal(body: string): DomainError {
  try {
    parseBulkBody(body, null);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the body to be refused');
}

describe('reading a bulk body', () => {
  it('pairs each action with its document; delete has none', () => {
    const operations = parseBulkBody(
      lines(
        { index: { _index: 'a', _id: 7 } },
        { message: 'one' },
        { delete: { _id: 'x' } },
        { create: {} },
        { message: 'two' },
        '',
      ),
      'from-path',
    );
    expect(operations).toEqual([
      {
        action: 'index',
        index: 'a',
        id: '7',
        line: 1,
        source: { ok: true, value: { message: 'one' } },
      },
      { action: 'delete', index: 'from-path', id: 'x', line: 3 },
      {
        action: 'create',
        index: 'from-path',
        id: null,
        line: 4,
        source: { ok: true, value: { message: 'two' } },
      },
    ]);
  });

  it('takes CRLF line ends, blank lines between operations and a missing final newline', () => {
    const body = '{"index":{}}\r\n{"message":"crlf"}\r\n\r\n{"index":{}}\n{"message":"last"}';
    expect(parseBulkBody(body, null).map((o) => o.source)).toEqual([
      { ok: true, value: { message: 'crlf' } },
      { ok: true, value: { message: 'last' } },
    ]);
  });

  it('keeps a broken document as that item’s failure, not the request’s', () => {
    const [operation] = parseBulkBody(lines({ index: {} }, '{"message": '), null);
    expect(operation.source).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not JSON'),
    });
  });

  it('refuses a broken action line, naming its line', () => {
    expect(refusal(lines({ index: {} }, { a: 1 }, 'nope')).message).toMatch(/line \[3\].*not JSON/);
    expect(refusal(lines({ index: {}, create: {} }, {})).message).toMatch(/line \[1\]/);
    expect(refusal(lines({ upsert: {} }, {})).message).toMatch(/found \[upsert\]/);
    expect(refusal(lines({ index: 'x' }, {})).message).toMatch(/must be an object/);
    expect(refusal(lines({ index: {} })).message).toMatch(/no document on the next line/);
    expect(refusal(lines({ index: {} }, '')).message).toMatch(/no document on the next line/);
    expect(refusal('').status).toBe(400);
  });
});

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { problemBody } from '@/lib/api/problem';
import { isJsonContentType } from '@/lib/api/read-json';
import { allowHeader } from '@/lib/api/method-not-allowed';
import { ValidationError } from '@/lib/errors';
import {
  badStringPaths,
  hasNoControlCharacters,
  isWellFormedText,
  parseInput,
} from '@/lib/validation';

describe('problemBody', () => {
  it('is RFC 9457 with the old names as aliases, and extensions cannot replace its members', () => {
    expect(
      problemBody({
        status: 400,
        detail: 'Some fields need attention.',
        errors: { title: 'Required.' },
        instance: '/api/v1/tasks',
        requestId: 'r1',
        extensions: { position: 3, status: 200, type: 'x' },
      }),
    ).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Some fields need attention.',
      instance: '/api/v1/tasks',
      errors: { title: 'Required.' },
      requestId: 'r1',
      error: 'Some fields need attention.',
      fields: { title: 'Required.' },
      position: 3,
    });
    expect(problemBody({ status: 429, detail: 'Slow down.' }).title).toBe('Too Many Requests');
  });
});

describe('isJsonContentType', () => {
  it('takes application/json, its parameters and +json types, nothing else', () => {
    for (const type of [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/problem+json',
    ])
      expect(isJsonContentType(type), type).toBe(true);
    for (const type of [
      'text/plain',
      'text/json',
      'application/jsonp',
      'multipart/form-data',
      '',
      null,
    ])
      expect(isJsonContentType(type), String(type)).toBe(false);
  });
});

describe('control characters', () => {
  it('refuses C0 controls and DEL but keeps tab, line feed and carriage return', () => {
    expect(hasNoControlCharacters('a\tb\r\nc')).toBe(true);
    expect(hasNoControlCharacters('é ü \u00a0 😀')).toBe(true);
    for (const c of ['\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f'])
      expect(hasNoControlCharacters(`a${c}b`), JSON.stringify(c)).toBe(false);
  });

  it('refuses half of a surrogate pair, at either end or alone, and keeps whole pairs', () => {
    for (const text of ['😀', 'a😀b', '\ud83d\ude00\ud83d\ude00', ''])
      expect(isWellFormedText(text), JSON.stringify(text)).toBe(true);
    for (const text of ['\ud800', 'a\udfff', '\ud83d', '\ude00\ud83d', 'x\ud83dy'])
      expect(isWellFormedText(text), JSON.stringify(text)).toBe(false);
  });

  it('names each string at fault by its path, and a key at fault by itself', () => {
    expect(
      badStringPaths(
        { title: 'ok', watchers: [{ userId: 'a\u0000' }], 'b\u001bad': 1, deep: { x: ['\u007f'] } },
        hasNoControlCharacters,
      ),
    ).toEqual(['watchers.0.userId', '"b\\u001bad"', 'deep.x.0']);
  });
});

describe('parseInput', () => {
  it('names a field the schema does not take under its own key', () => {
    const schema = z
      .object({ severity: z.string().optional(), nested: z.object({}).strict() })
      .strict();
    try {
      parseInput(schema, { sevrity: 'high', nested: { colour: 'red' } });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual({
        sevrity: expect.stringMatching(/not a field/i),
        'nested.colour': expect.stringMatching(/not a field/i),
      });
    }
  });
});

describe('allowHeader', () => {
  it('adds HEAD with GET, and OPTIONS always', () => {
    expect(allowHeader(['GET', 'POST'])).toBe('GET, HEAD, POST, OPTIONS');
    expect(allowHeader(['PATCH', 'GET'])).toBe('GET, HEAD, PATCH, OPTIONS');
    expect(allowHeader(['POST'])).toBe('POST, OPTIONS');
  });
});

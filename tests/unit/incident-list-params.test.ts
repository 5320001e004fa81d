import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import {
  encodeCursor,
  OPEN_STATES,
  parseIncidentListParams,
  serializeIncidentListParams,
} from '@/lib/incidents/list-params';

const ME = '11111111-1111-4111-8111-111111111111';
const TEAM = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const viewer = { userId: ME, teamIds: [TEAM], timeZone: 'America/Chicago' };
const parse = (query: string) => parseIncidentListParams(new URLSearchParams(query), viewer);

function fieldOf(query: string): string {
  try {
    parse(query);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return Object.keys((error as ValidationError).fieldErrors)[0];
  }
  throw new Error(`expected ${query} to be refused`);
}

describe('parseIncidentListParams', () => {
  it('defaults to open incidents, newest first', () => {
    const params = parse('');
    expect(params.states).toEqual(OPEN_STATES);
    expect(params.allStates).toBe(false);
    expect(params.severities).toEqual([]);
    expect(params.sort).toEqual({ key: 'created', direction: 'desc' });
  });

  it('reads several states, repeated or comma-separated, and state=all', () => {
    expect(parse('state=triage&state=closed').states).toEqual(['triage', 'closed']);
    expect(parse('state=triage,Analysis').states).toEqual(['triage', 'analysis']);
    expect(parse('state=all').allStates).toBe(true);
    expect(parse('state=all').states).toHaveLength(5);
  });

  it('ignores the empty fields a GET form sends', () => {
    const params = parse('owner=&createdBy=&q=&dueFrom=&dueTo=&response=&sort=&cursor=');
    expect(params).toMatchObject({
      owner: undefined,
      createdBy: undefined,
      q: undefined,
      response: undefined,
      due: {},
      sort: { key: 'created' },
    });
  });

  it('resolves "me" to the viewer and their teams', () => {
    expect(parse('owner=me').owner).toEqual({ kind: 'me', userId: ME, teamIds: [TEAM] });
    expect(parse(`owner=team:${TEAM}`).owner).toEqual({ kind: 'team', id: TEAM });
    expect(parse(`owner=user:${OTHER}`).owner).toEqual({ kind: 'user', id: OTHER });
    expect(parse('owner=unassigned').owner).toEqual({ kind: 'unassigned' });
    expect(parse('createdBy=me').createdBy).toEqual({ id: ME, me: true });
  });

  it('reads a date as the whole day in the viewer’s zone', () => {
    const { due } = parse('dueFrom=2026-11-28&dueTo=2026-11-28');
    expect(due.from?.at.toISOString()).toBe('2026-11-28T06:00:00.000Z');
    expect(due.to?.at.toISOString()).toBe('2026-11-29T06:00:00.000Z');
    // Across the DST change: March 8, 2026 is 23 hours long in Chicago.
    const dst = parse('createdFrom=2026-03-08&createdTo=2026-03-08').created;
    expect(dst.to!.at.getTime() - dst.from!.at.getTime()).toBe(23 * 3_600_000);
    expect(parse('dueFrom=2026-11-28T14:05:00-06:00').due.from?.at.toISOString()).toBe(
      '2026-11-28T20:05:00.000Z',
    );
  });

  it.each([
    ['state=open', 'state'],
    ['severity=critical', 'severity'],
    ['owner=someone', 'owner'],
    ['owner=user:not-a-uuid', 'owner'],
    ['createdBy=bob', 'createdBy'],
    ['dueFrom=2026-02-30', 'dueFrom'],
    ['dueFrom=yesterday', 'dueFrom'],
    ['createdFrom=2026-12-02&createdTo=2026-12-01', 'createdTo'],
    ['response=late', 'response'],
    ['sort=title', 'sort'],
    ['sort=-priority', 'sort'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['cursor=not-base64-json', 'cursor'],
    ['sort=created&sort=due', 'sort'],
  ])('refuses %s, naming %s', (query, field) => {
    expect(fieldOf(query)).toBe(field);
  });

  it('refuses cursors that are forged or belong to another sort', () => {
    const cursor = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');
    expect(
      fieldOf(`cursor=${cursor({ s: '-created', v: "1'; drop table incidents; --", id: ME })}`),
    ).toBe('cursor');
    expect(
      fieldOf(`cursor=${cursor({ s: '-created', v: '2026-01-01 00:00:00+00', id: 'x' })}`),
    ).toBe('cursor');
    expect(
      fieldOf(`sort=due&cursor=${cursor({ s: '-created', v: '2026-01-01 00:00:00+00', id: ME })}`),
    ).toBe('cursor');
    expect(fieldOf(`sort=severity&cursor=${cursor({ s: 'severity', v: 'urgent', id: ME })}`)).toBe(
      'cursor',
    );
    expect(
      parse(`cursor=${cursor({ s: '-created', v: '2026-01-01 00:00:00.123456+00', id: ME })}`)
        .cursor,
    ).toMatchObject({ id: ME, before: false });
  });
});

describe('serializeIncidentListParams', () => {
  it.each([
    '',
    'state=all',
    'state=triage&state=closed',
    'severity=high&severity=medium',
    'owner=me',
    `owner=team:${TEAM}&createdBy=${OTHER}`,
    'createdBy=me&owner=unassigned',
    'dueFrom=2026-11-01&dueTo=2026-11-30T23:00:00Z',
    'createdFrom=2026-01-01&createdTo=2026-01-31',
    'q=phish%25ing &response=at-risk',
    'response=breached&sort=due',
    'sort=-severity',
  ])('round-trips %j', (query) => {
    const params = parse(query);
    const again = parse(serializeIncidentListParams(params).toString());
    expect(again).toEqual(params);
  });

  it('keeps the cursor unless told not to, and leaves defaults out', () => {
    const cursor = encodeCursor({
      sort: '-created',
      value: '2026-01-01 00:00:00+00',
      id: ME,
      before: true,
    });
    const params = parse(`cursor=${cursor}&sort=-created`);
    expect(serializeIncidentListParams(params).toString()).toBe(`cursor=${cursor}`);
    expect(serializeIncidentListParams(params, { cursor: false }).toString()).toBe('');
  });
});

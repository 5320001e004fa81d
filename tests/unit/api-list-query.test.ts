import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { parseIncidentListParams, serializeIncidentListParams } from '@/lib/incidents/list-params';
import { LIST_QUERY_PARAMETERS, parseLimit, parseListQuery } from '@/lib/api/list-query';

const viewer = {
  userId: '6f1c2b4e-8a3d-4c5e-9f7a-1b2c3d4e5f60',
  teamIds: [],
  timeZone: 'America/Chicago',
};

describe('API list query', () => {
  it('knows every parameter the list writes into its URLs (a new filter must be documented here too)', () => {
    const everything = new URLSearchParams({
      state: 'triage,analysis',
      severity: 'high',
      owner: 'me',
      createdBy: 'me',
      dueFrom: '2026-11-01',
      dueTo: '2026-11-30',
      createdFrom: '2026-10-01',
      createdTo: '2026-10-31',
      q: 'phish',
      response: 'breached',
      sort: 'due',
    });
    const written = [
      ...serializeIncidentListParams(parseIncidentListParams(everything, viewer)).keys(),
    ];
    expect(written.length).toBeGreaterThan(10);
    for (const name of written) expect(Object.keys(LIST_QUERY_PARAMETERS)).toContain(name);
  });

  it('names unknown parameters, prefixed when the query sits inside a body', () => {
    const error = (() => {
      try {
        parseListQuery(new URLSearchParams('severty=high&state=bogus'), viewer, {
          field: 'filter',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['filter.severty']);
    expect(() =>
      parseListQuery(new URLSearchParams('state=bogus'), viewer, { field: 'filter' }),
    ).toThrow(ValidationError);
  });

  it('reads limit between 1 and 200, 50 by default', () => {
    expect(parseLimit(new URLSearchParams())).toBe(50);
    expect(parseLimit(new URLSearchParams('limit=200'))).toBe(200);
    for (const bad of ['0', '201', '1.5', '-3', 'all', '1e2'])
      expect(() => parseLimit(new URLSearchParams({ limit: bad }))).toThrow(ValidationError);
  });
});

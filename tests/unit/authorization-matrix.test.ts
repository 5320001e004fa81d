import { describe, expect, it } from 'vitest';
import {
  actionHelperCalls,
  actorFunctions,
  actorlessWrites,
  pagePaths,
  routeOperations,
  serverActions,
} from '../authorization/inventory';
import { ACTION_MATRIX } from '../authorization/matrix-actions';
import { ACTORLESS_WRITES } from '../authorization/matrix-actorless';
import { PAGE_MATRIX } from '../authorization/matrix-pages';
import { DOMAIN_MATRIX } from '../authorization/matrix-domain';
import { ROUTE_MATRIX } from '../authorization/matrix-routes';

// The matrix covers everything the source tree has: a function, route, action or page
// added without its line fails here, and the message says which line to add where.

/** Keys found in the tree but not declared, and declared keys the tree no longer has. */
function compare(found: string[], declared: string[]) {
  return {
    missing: found.filter((key) => !declared.includes(key)),
    stale: declared.filter((key) => !found.includes(key)),
  };
}

describe('the authorization matrix', () => {
  it('has a line for every exported domain function that takes an Actor', () => {
    const { missing, stale } = compare(
      actorFunctions().map((fn) => fn.key),
      Object.keys(DOMAIN_MATRIX),
    );
    expect(
      missing.map(
        (key) =>
          `add to DOMAIN_MATRIX in tests/authorization/matrix-domain.ts: '${key}': checked('<permission>', (f) => [<arguments after db and actor>]), or helper('<why it is no way in>')`,
      ),
    ).toEqual([]);
    expect(
      stale.map(
        (key) => `remove '${key}' from tests/authorization/matrix-domain.ts: no such export`,
      ),
    ).toEqual([]);
  }, 60_000);

  it('has a line for every method of every route file', () => {
    const { missing, stale } = compare(
      routeOperations().map((operation) => operation.key),
      Object.keys(ROUTE_MATRIX),
    );
    expect(
      missing.map(
        (key) =>
          `add to ROUTE_MATRIX in tests/authorization/matrix-routes.ts: '${key}': token('<permission>', { body }) for a bearer-token route, session('<permission>') for a signed-in one, or open('<what guards it instead>')`,
      ),
    ).toEqual([]);
    expect(
      stale.map(
        (key) => `remove '${key}' from tests/authorization/matrix-routes.ts: no such route`,
      ),
    ).toEqual([]);
  });

  it('has a line for every server action', () => {
    const { missing, stale } = compare(
      serverActions().map((action) => action.key),
      Object.keys(ACTION_MATRIX),
    );
    expect(
      missing.map(
        (key) =>
          `add to ACTION_MATRIX in tests/authorization/matrix-actions.ts: '${key}': via('<lib/…#domainFunction it calls>', (f) => [<its arguments>]), or read('<permission>') / open('<why>')`,
      ),
    ).toEqual([]);
    expect(
      stale.map(
        (key) => `remove '${key}' from tests/authorization/matrix-actions.ts: no such action`,
      ),
    ).toEqual([]);
  });

  it('has each write action call exactly the one domain function its line names', () => {
    const domainNames = new Set(
      Object.entries(DOMAIN_MATRIX)
        .filter(([, rule]) => rule.kind === 'called')
        .map(([key]) => key.split('#')[1]),
    );
    const helpers = actionHelperCalls();
    const wrong = serverActions().flatMap((action) => {
      const rule = ACTION_MATRIX[action.key];
      if (rule?.kind !== 'via') return [];
      const calls = action.calls.flatMap((name) => [name, ...(helpers.get(name) ?? [])]);
      const domain = [...new Set(calls.filter((name) => domainNames.has(name)))];
      const named = rule.domain.split('#')[1];
      return domain.length === 1 && domain[0] === named
        ? []
        : [`${action.key} calls [${domain.join(', ')}], its line names ${named}`];
    });
    expect(wrong).toEqual([]);
  });

  it('has a line for every page', () => {
    const { missing, stale } = compare(
      pagePaths().map((page) => page.path),
      Object.keys(PAGE_MATRIX),
    );
    expect(
      missing.map(
        (path) =>
          `add to PAGE_MATRIX in tests/authorization/matrix-pages.ts: '${path}': page('<the permission its requirePermission() names>'), own() or open('<why>')`,
      ),
    ).toEqual([]);
    expect(
      stale.map(
        (path) => `remove '${path}' from tests/authorization/matrix-pages.ts: no such page`,
      ),
    ).toEqual([]);
  });

  it('names what guards every write that takes no Actor', () => {
    const { missing, stale } = compare(actorlessWrites(), Object.keys(ACTORLESS_WRITES));
    expect(
      missing.map(
        (key) =>
          `${key} writes without an Actor: give it one and a permission check (then a DOMAIN_MATRIX line), or add '${key}': '<what guards it>' to tests/authorization/matrix-actorless.ts`,
      ),
    ).toEqual([]);
    expect(
      stale.map(
        (key) =>
          `remove '${key}' from tests/authorization/matrix-actorless.ts: it no longer writes without an Actor`,
      ),
    ).toEqual([]);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { INCIDENT_LIST_PARAMETERS } from '@/lib/incidents/list-params';
import { TASK_LIST_PARAMETERS } from '@/lib/tasks/list-params';

// Promises of the document a client relies on beyond validity (openapi-lint) and coverage
// (openapi-coverage): answers may grow, and defaults stay the server's business.

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as Json;

const at = (ref: string) =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc);

/** Every schema node reachable from `root`, following $refs once each. */
function reachable(root: unknown, seen = new Set<string>()): Json[] {
  if (Array.isArray(root)) return root.flatMap((child) => reachable(child, seen));
  if (!root || typeof root !== 'object') return [];
  const node = root as Json;
  const here: Json[] = [node];
  if (typeof node.$ref === 'string' && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    here.push(...reachable(at(node.$ref), seen));
  }
  return here.concat(Object.values(node).flatMap((child) => reachable(child, seen)));
}

const operations = Object.values(doc.paths as Record<string, Record<string, Json>>).flatMap(
  (item) => Object.values(item).filter((op) => op && typeof op === 'object' && 'responses' in op),
);

describe('the OpenAPI document', () => {
  it('lets every answer gain fields: no response schema closes its objects', () => {
    const closed = operations.flatMap((op) =>
      reachable(op.responses).filter((node) => node.additionalProperties === false),
    );
    expect(operations.length).toBeGreaterThan(20);
    expect(closed.map((node) => Object.keys((node.properties as Json) ?? {}))).toEqual([]);
  });

  it('keeps defaults out of request bodies, saying them in the description instead', () => {
    const bodies = operations.flatMap((op) => reachable(op.requestBody));
    expect(bodies.filter((node) => 'default' in node)).toEqual([]);
    const create = (doc.components as { schemas: Record<string, Json> }).schemas.CreateIncident;
    expect((create.properties as Record<string, Json>).severity.description).toContain(
      'Default: "none".',
    );
  });

  // The lists' parsers refuse any name they do not read (lib/list/known-parameters.ts): a
  // parameter documented but not read would be a 400, one read but not documented unusable.
  it.each([
    ['/api/v1/incidents', INCIDENT_LIST_PARAMETERS],
    ['/api/v1/tasks', TASK_LIST_PARAMETERS],
  ])('documents exactly the query parameters the parser of %s reads', (path, known) => {
    const paths = doc.paths as Record<string, { get: { parameters: { name: string }[] } }>;
    const names = (p: string) => paths[p].get.parameters.map((parameter) => parameter.name).sort();
    expect(names(path)).toEqual([...known, 'limit'].sort());
    expect(names(`${path}/export.csv`)).toEqual(known.filter((name) => name !== 'cursor').sort());
  });
});

import { z } from 'zod';

// Pieces every part of the OpenAPI document is built from (lib/api/openapi.ts assembles the
// document; each feature that owns routes contributes an OpenApiFragment of its paths).

type Json = Record<string, unknown>;

/**
 * A request schema's `default` moves into its description: openapi-typescript reads a default
 * as "always present" (its defaultNonNullable), which would make an optional field required in
 * a generated client's create call. The server still applies the default.
 */
function defaultsToDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(defaultsToDescriptions);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, child] of Object.entries(schema as Json)) {
    if (key === 'default' || VALUES.has(key)) out[key] = child;
    else if (SCHEMA_MAPS.has(key) && child && typeof child === 'object')
      out[key] = Object.fromEntries(
        Object.entries(child as Json).map(([name, s]) => [name, defaultsToDescriptions(s)]),
      );
    else out[key] = defaultsToDescriptions(child);
  }
  if (!('default' in out)) return out;
  const said = `Default: ${JSON.stringify(out.default)}.`;
  delete out.default;
  out.description = typeof out.description === 'string' ? `${out.description} ${said}` : said;
  return out;
}
/** Keywords whose value is data, not a schema, and maps whose keys are names, not keywords. */
const VALUES = new Set(['enum', 'const', 'examples', 'example']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/**
 * A response schema without `additionalProperties: false` (zod's output default for objects):
 * a later release may add fields to an answer, and a client validating strictly would break.
 */
function openObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, child] of Object.entries(schema as Json)) {
    if (key === 'additionalProperties' && child === false) continue;
    if (VALUES.has(key)) out[key] = child;
    else if (SCHEMA_MAPS.has(key) && child && typeof child === 'object')
      out[key] = Object.fromEntries(
        Object.entries(child as Json).map(([name, s]) => [name, openObjects(s)]),
      );
    else out[key] = openObjects(child);
  }
  return out;
}

/** A zod schema as JSON Schema 2020-12: request bodies as input (before defaults), responses as output. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
  void $schema; // the document's jsonSchemaDialect says it once
  return (io === 'input' ? defaultsToDescriptions(rest) : openObjects(rest)) as Json;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const body = (name: string) => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});

export const ok = (description: string, name: string) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});

/** The shared answer for an error status (components.responses.Error<status>, lib/api/openapi-problem.ts). */
export const errorRef = (status: number) => ({ $ref: `#/components/responses/Error${status}` });

/** A feature's paths and the component schemas they refer to. */
export type OpenApiFragment = {
  paths: Record<string, unknown>;
  schemas?: Record<string, Record<string, unknown>>;
};

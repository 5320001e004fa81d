import { z } from 'zod';

// Pieces every part of the OpenAPI document is built from (lib/api/openapi.ts assembles the
// document; each feature that owns routes contributes an OpenApiFragment of its paths).

/** A zod schema as JSON Schema 2020-12: request bodies as input (before defaults), responses as output. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
  void $schema; // the document's jsonSchemaDialect says it once
  return rest;
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

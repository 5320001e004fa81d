import { PAGE_SIZE } from '@/lib/incidents/get-incidents';
import { MAX_API_LIMIT } from './list-query';

// Query and path parameters in the OpenAPI fragments of schedules and the library, in the
// same form lib/api/openapi.ts writes those of incidents and tasks.

type ParameterSchema = { type: string; items?: object; enum?: string[]; format?: string };

/** A list's query parameters (array ones repeat: policy=a&policy=b), and its `limit`. */
export function queryParameters(
  descriptions: Record<string, string>,
  schemas: Record<string, ParameterSchema> = {},
) {
  const all = Object.entries(descriptions).map(([name, description]) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema: schemas[name] ?? { type: 'string' },
    ...(schemas[name]?.type === 'array' ? { style: 'form', explode: true } : {}),
  }));
  const limit = {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Rows a page, at most ${MAX_API_LIMIT}.`,
    // Not `default`: generated clients would make it required.
    schema: { type: 'integer', minimum: 1, maximum: MAX_API_LIMIT },
    example: PAGE_SIZE,
  };
  return { all, limit };
}

export function pathParameters(
  parameters: Record<string, { description: string; schema: ParameterSchema }>,
) {
  return Object.entries(parameters).map(([name, { description, schema }]) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema,
  }));
}

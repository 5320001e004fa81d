import { z } from 'zod';
import { errorRef, jsonSchema, ref } from './openapi-parts';

// The error answers of /api/v1 in the OpenAPI document: components.schemas.Error and
// components.responses.Error<status>.

const errorJson = z.object({
  error: z.string().meta({ description: 'A message meant for a person.' }),
  fields: z
    .record(z.string(), z.string())
    .optional()
    .meta({ description: 'On 400: each field at fault, with what is wrong.' }),
  requestId: z.string().meta({ description: 'Quote it when reporting a problem.' }),
});

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429;
const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The body or a parameter is invalid; `fields` names each one.',
  401: 'No API token, or one that is unknown, revoked, or whose user is deactivated.',
  403: "The token's role may not do this.",
  404: 'No incident (or task) with that number.',
  405: 'The path does not take this method; `Allow` lists those it takes.',
  412: 'The If-Match header names a version the item no longer has. Nothing was changed.',
  413: 'The request body is over the size limit; nothing in it was stored.',
  415: 'The body is not JSON (send Content-Type: application/json).',
  429: 'This token sent more requests than its rate allows; `Retry-After` says when to try again.',
  409: 'The incident (or task) changed since the version you sent ("changed by Dana at 14:02 — reload to see it"), or left the state you named in "from" ("TASK-2010 was closed by Dana at 14:02 — reload to see it"). Nothing was changed.',
};

/** `responses` entries for these statuses. */
export const errors = (...statuses: ErrorStatus[]) =>
  Object.fromEntries(statuses.map((s) => [s, errorRef(s)]));

export const PROBLEM_SCHEMAS = { Error: jsonSchema(errorJson, 'output') };

export const PROBLEM_RESPONSES = Object.fromEntries(
  (Object.entries(ERROR_DESCRIPTIONS) as [string, string][]).map(([status, description]) => [
    `Error${status}`,
    { description, content: { 'application/json': { schema: ref('Error') } } },
  ]),
);

import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { errorRef, jsonSchema, ref } from './openapi-parts';

// The error answers of /api/v1 in the OpenAPI document (lib/api/problem.ts makes them):
// components.schemas.Problem (RFC 9457, with the aliases kept for one release),
// components.schemas.Error (the old name, pointing at Problem) and
// components.responses.Error<status>, all as application/problem+json.

const fieldErrors = z.record(z.string(), z.string());

// Open (`additionalProperties` allowed): RFC 9457 lets a problem carry members of its own
// (the events query's `position` and `expected`), and clients must ignore those they do not know.
const problemJson = z
  .looseObject({
    type: z.string().meta({
      description:
        'A URI naming the kind of problem; "about:blank" (the status is the kind), so `title` is the status phrase.',
      examples: ['about:blank'],
    }),
    title: z.string().meta({ description: 'The HTTP status phrase.', examples: ['Bad Request'] }),
    status: z.number().int().meta({ description: 'The HTTP status code, repeated.' }),
    detail: z.string().meta({ description: 'What went wrong this time, meant for a person.' }),
    instance: z
      .string()
      .optional()
      .meta({ description: 'The path of the request (without its query string).' }),
    errors: fieldErrors.optional().meta({
      description:
        'On 400: each field (dotted path into the body, like `watchers.0.userId`) or query parameter at fault, with what is wrong. A field the request does not take is named under its own key.',
    }),
    requestId: z.string().optional().meta({ description: 'Quote it when reporting a problem.' }),
    error: z.string().meta({
      description: 'Deprecated alias of `detail`, kept for one release.',
      deprecated: true,
    }),
    fields: fieldErrors.optional().meta({
      description: 'Deprecated alias of `errors`, kept for one release.',
      deprecated: true,
    }),
    position: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Events query syntax errors: where in `q` parsing stopped (0-based).' }),
    expected: z
      .array(z.string())
      .optional()
      .meta({ description: 'Events query syntax errors: what could have come there.' }),
  })
  .meta({ description: 'An RFC 9457 problem (application/problem+json).' });

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 429 | 500;
const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'The body or a parameter is invalid (a control character in any string is one); `errors` names each field.',
  401: 'No API token, or one that is unknown, revoked, or whose user is deactivated. `WWW-Authenticate` names the scheme.',
  403: "The token's role may not do this.",
  404: 'No item with that number or id, or no route at that path.',
  405: 'The path does not take this method; `Allow` lists those it takes.',
  412: 'The If-Match header names a version the item no longer has. Nothing was changed.',
  413: 'The request body is over the size limit; nothing in it was stored.',
  415: 'The body is not JSON (send Content-Type: application/json, or a +json type).',
  429: 'This token sent more requests this minute than its rate allows (VIGIL_API_RATE_PER_MINUTE); `Retry-After` says in how many seconds to try again.',
  409: 'The incident (or task) changed since the version you sent ("changed by Dana at 14:02 — reload to see it"), or left the state you named in "from" ("TASK-2010 was closed by Dana at 14:02 — reload to see it"). Nothing was changed.',
  500: 'Something failed on the server; quote `requestId` when reporting it.',
};

const HEADERS: Partial<Record<ErrorStatus, Record<string, unknown>>> = {
  401: {
    'WWW-Authenticate': {
      description: 'The scheme to authenticate with: `Bearer realm="Vigil"`.',
      schema: { type: 'string' },
    },
  },
  405: {
    Allow: { description: 'The methods the path takes.', schema: { type: 'string' } },
  },
  429: {
    'Retry-After': {
      description: 'Seconds until the token may send again.',
      schema: { type: 'integer', minimum: 1 },
    },
  },
};

/** `responses` entries for these statuses. */
export const errors = (...statuses: ErrorStatus[]) =>
  Object.fromEntries(statuses.map((s) => [s, errorRef(s)]));

export const PROBLEM_SCHEMAS = {
  Problem: jsonSchema(problemJson, 'output'),
  Error: { ...ref('Problem'), description: 'The former name of Problem.' },
};

export const PROBLEM_RESPONSES = Object.fromEntries(
  (Object.entries(ERROR_DESCRIPTIONS) as [string, string][]).map(([status, description]) => [
    `Error${status}`,
    {
      description,
      ...(HEADERS[Number(status) as ErrorStatus]
        ? { headers: HEADERS[Number(status) as ErrorStatus] }
        : {}),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
    },
  ]),
);

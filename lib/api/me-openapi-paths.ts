import { meJson } from './me-json';
import { jsonSchema, ok, type OpenApiFragment } from './openapi-parts';
import { errors } from './openapi-problem';

// GET /api/v1/me in /api/v1/openapi.json (lib/api/openapi.ts spreads it in).
export const ME_API: OpenApiFragment = {
  paths: {
    '/api/v1/me': {
      get: {
        operationId: 'getMe',
        summary: 'Who this token acts as: the person, their role, permissions and teams',
        responses: { 200: ok('The token’s person.', 'Me'), ...errors(400, 401, 403) },
      },
    },
  },
  schemas: { Me: jsonSchema(meJson, 'output') },
};

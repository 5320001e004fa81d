import { libraryCopyJson, libraryPageJson } from '@/lib/api/library-json';
import { LIBRARY_QUERY_PARAMETERS } from '@/lib/api/library-requests';
import { queryParameters } from '@/lib/api/openapi-query';
import { body, jsonSchema, ok, type OpenApiFragment } from '@/lib/api/openapi-parts';
import { errors } from '@/lib/api/openapi-problem';
import { copyTemplatesBody } from '@/lib/api/schedule-requests';
import { INTERVALS } from './templates';

// The library's paths in /api/v1/openapi.json (lib/api/openapi.ts spreads them in).

const parameters = queryParameters(LIBRARY_QUERY_PARAMETERS, {
  interval: { type: 'string', enum: [...INTERVALS] },
});

export const LIBRARY_API: OpenApiFragment = {
  paths: {
    '/api/v1/library': {
      get: {
        operationId: 'listLibraryTemplates',
        summary: 'The library’s review templates, filtered as on the Library page (one page)',
        parameters: parameters.all,
        responses: {
          200: ok('Every matching template.', 'LibraryPage'),
          ...errors(400, 401, 403),
        },
      },
    },
    '/api/v1/library/copy': {
      post: {
        operationId: 'copyLibraryTemplates',
        summary:
          'Copy templates into task schedules (Administrators and Power Users); they start paused unless `active`',
        requestBody: body('CopyLibraryTemplates'),
        responses: {
          201: ok('The new schedules, and what to do next with them.', 'LibraryCopy'),
          ...errors(400, 401, 403),
        },
      },
    },
  },
  schemas: {
    CopyLibraryTemplates: jsonSchema(copyTemplatesBody, 'input'),
    LibraryPage: jsonSchema(libraryPageJson, 'output'),
    LibraryCopy: jsonSchema(libraryCopyJson, 'output'),
  },
};

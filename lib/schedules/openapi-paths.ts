import { pathParameters, queryParameters } from '@/lib/api/openapi-query';
import { ifMatchParameter, withEtag } from '@/lib/api/etag-openapi';
import { body, jsonSchema, ok, type OpenApiFragment } from '@/lib/api/openapi-parts';
import { errors } from '@/lib/api/openapi-problem';
import {
  generatedTaskResultJson,
  scheduleDetailJson,
  scheduleJson,
  schedulePageJson,
} from '@/lib/api/schedule-json';
import {
  createScheduleBody,
  patchScheduleBody,
  SCHEDULE_LIST_QUERY_PARAMETERS,
} from '@/lib/api/schedule-requests';
import { SCHEDULE_STATUSES } from './list-params';

// The task schedules' paths in /api/v1/openapi.json (lib/api/openapi.ts spreads them in).

const idParameter = pathParameters({
  id: { description: 'The schedule’s id (a UUID).', schema: { type: 'string', format: 'uuid' } },
});
const listParameters = queryParameters(SCHEDULE_LIST_QUERY_PARAMETERS, {
  status: { type: 'string', enum: [...SCHEDULE_STATUSES] },
  policy: { type: 'array', items: { type: 'string', format: 'uuid' } },
});

const csv = (description: string, example: string) => ({
  description,
  headers: {
    'Content-Disposition': {
      schema: { type: 'string' },
      description: `attachment; filename="${example}"`,
    },
  },
  content: { 'text/csv': { schema: { type: 'string' } } },
});

export const SCHEDULE_API: OpenApiFragment = {
  paths: {
    '/api/v1/schedules': {
      get: {
        operationId: 'listSchedules',
        summary: 'List task schedules with the filters of the Task Schedules page, by name',
        parameters: [...listParameters.all, listParameters.limit],
        responses: {
          200: ok('A page of matching schedules.', 'SchedulePage'),
          ...errors(400, 401, 403),
        },
      },
      post: {
        operationId: 'createSchedule',
        summary: 'Create a task schedule (Administrators and Power Users)',
        requestBody: body('CreateSchedule'),
        responses: {
          201: {
            ...withEtag(ok('Created. `Location` is the new schedule.', 'Schedule')),
            headers: {
              ...withEtag({}).headers,
              Location: { description: '/api/v1/schedules/{id}', schema: { type: 'string' } },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    '/api/v1/schedules/{id}': {
      parameters: idParameter,
      get: {
        operationId: 'getSchedule',
        summary:
          'One schedule with its watchers, policies, next five occurrences, generated tasks and record',
        responses: {
          200: withEtag(ok('The schedule.', 'ScheduleDetail')),
          ...errors(401, 403, 404),
        },
      },
      patch: {
        operationId: 'updateSchedule',
        summary:
          'Change fields against the version you read (in the body or as If-Match); `active: false` pauses it. Generated tasks never change.',
        parameters: [ifMatchParameter],
        requestBody: body('PatchSchedule'),
        responses: {
          200: withEtag(ok('The schedule after the change.', 'ScheduleDetail')),
          ...errors(400, 401, 403, 404, 409, 412),
        },
      },
    },
    '/api/v1/schedules/{id}/generate': {
      parameters: idParameter,
      post: {
        operationId: 'generateScheduleTask',
        summary: 'Generate now: the current period’s task, unless it exists',
        responses: {
          201: ok('The task was created.', 'GeneratedTaskResult'),
          200: ok('The period’s task existed; nothing was created.', 'GeneratedTaskResult'),
          ...errors(401, 403, 404, 409),
        },
      },
    },
    '/api/v1/schedules/{id}/periods.csv': {
      parameters: idParameter,
      get: {
        operationId: 'exportSchedulePeriodsCsv',
        summary:
          'Every period the schedule owed, newest first, as CSV: its task and state, or missed with the reason',
        responses: {
          200: csv(
            'The ledger, offered as a download.',
            'vigil-schedule-periods-20270301-1405.csv',
          ),
          ...errors(401, 403, 404),
        },
      },
    },
    '/api/v1/schedules/export.csv': {
      get: {
        operationId: 'exportSchedulesCsv',
        summary: 'Every schedule matching the filters, as CSV (UTF-8 with BOM)',
        parameters: listParameters.all.filter((p) => p.name !== 'cursor'),
        responses: {
          200: csv(
            'Every matching schedule, offered as a download.',
            'vigil-schedules-20270301-1405.csv',
          ),
          ...errors(400, 401, 403),
        },
      },
    },
  },
  schemas: {
    CreateSchedule: jsonSchema(createScheduleBody, 'input'),
    PatchSchedule: jsonSchema(patchScheduleBody, 'input'),
    Schedule: jsonSchema(scheduleJson, 'output'),
    ScheduleDetail: jsonSchema(scheduleDetailJson, 'output'),
    SchedulePage: jsonSchema(schedulePageJson, 'output'),
    GeneratedTaskResult: jsonSchema(generatedTaskResultJson, 'output'),
  },
};

import {
  eventPageJson,
  histogramJson,
  ingestResultJson,
  querySyntaxErrorJson,
} from '@/lib/events/api/event-json';
import { EVENT_COUNT_CAP } from '@/lib/events/types';
import {
  MAX_QUERY_LENGTH,
  MAX_RANGE_DAYS,
  MAX_SEARCH_LIMIT,
  PAGE_LIMIT,
  RANGE_PRESETS,
} from '@/lib/events/search-params';
import { INCIDENT_STATES, SEVERITIES } from '@/lib/incidents/schemas';
import {
  addIncidentEventsBody,
  addIncidentEventsResult,
  incidentEventsJson,
} from './incident-events-json';
import { createdIncidentJson, incidentJson, incidentPageJson, noteJson } from './incident-json';
import {
  bulkCloseBody,
  bulkCloseResult,
  createIncidentBody,
  noteBody,
  patchIncidentBody,
} from './incident-requests';
import { LIST_QUERY_PARAMETERS, MAX_API_LIMIT } from './list-query';
import { taskJson, taskPageJson } from './task-json';
import {
  closeTaskBody,
  createTaskBody,
  patchTaskBody,
  TASK_LIST_QUERY_PARAMETERS,
} from './task-requests';
import { TASK_STATES } from '@/lib/tasks/schemas';
import { COMPLIANCE_REPORT_PATHS } from '@/lib/reports/openapi-paths';
import { SCHEDULE_API } from '@/lib/schedules/openapi-paths';
import { LIBRARY_API } from '@/lib/library/openapi-paths';
import { CALENDAR_API } from '@/lib/calendar/openapi-paths';
import { ME_API } from './me-openapi-paths';
import { body, jsonSchema, ok, ref, type OpenApiFragment } from './openapi-parts';
import { bulkCloseTasksBody, bulkCloseTasksResult, closeIncidentBody } from './close-requests';
import { ifMatchParameter, withEtag } from './etag-openapi';
import { errors, PROBLEM_RESPONSES, PROBLEM_SCHEMAS } from './openapi-problem';
import { queryParameters } from './openapi-query';

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes validate
// and answer with: request bodies as their input side (before defaults and transforms),
// responses as their output side. 3.1 speaks JSON Schema 2020-12, zod's default target.

/** `number` in the path of one kind's item: 1042 or INC-1042, the prefix in either case. */
const pathNumber = (noun: string, prefix: string, example: number) => ({
  name: 'number',
  in: 'path',
  required: true,
  description: `The ${noun} number, as ${example} or ${prefix}-${example}.`,
  schema: {
    type: 'string',
    pattern: `^(?:${[...prefix].map((c) => `[${c}${c.toLowerCase()}]`).join('')}-)?[0-9]{1,9}$`,
  },
  example: `${prefix}-${example}`,
});
const numberParameter = pathNumber('incident', 'INC', 1042);
const taskNumberParameter = pathNumber('task', 'TASK', 2001);

const { all: listParameters } = queryParameters(LIST_QUERY_PARAMETERS, {
  state: { type: 'array', items: { type: 'string', enum: [...INCIDENT_STATES, 'all'] } },
  severity: { type: 'array', items: { type: 'string', enum: [...SEVERITIES] } },
  policy: { type: 'array', items: { type: 'string', format: 'uuid' } },
});
const { all: taskListParameters } = queryParameters(TASK_LIST_QUERY_PARAMETERS, {
  state: { type: 'array', items: { type: 'string', enum: [...TASK_STATES, 'all'] } },
  tag: { type: 'array', items: { type: 'string' } },
  overdue: { type: 'boolean' },
  policy: { type: 'array', items: { type: 'string', format: 'uuid' } },
});

/** q and the time range of an event search: the Events page's URL parameters. */
const eventSearchParameters = [
  {
    name: 'q',
    in: 'query',
    required: false,
    description: `The query (README, "Searching events"), up to ${MAX_QUERY_LENGTH} characters; empty matches every event in the range.`,
    schema: { type: 'string', maxLength: MAX_QUERY_LENGTH },
    example: 'event_id:4625 AND hostname:srv*',
  },
  {
    name: 'range',
    in: 'query',
    required: false,
    description: `A range ending now: ${Object.entries(RANGE_PRESETS)
      .map(([key, preset]) => `${key} (${preset.label.toLowerCase()})`)
      .join(', ')}. Without range, from and to: the last 24 hours.`,
    schema: { type: 'string', enum: Object.keys(RANGE_PRESETS) },
  },
  {
    name: 'from',
    in: 'query',
    required: false,
    description: `Start of the range, inclusive: ISO 8601 (without an offset: UTC). With to, instead of range; at most ${MAX_RANGE_DAYS} days.`,
    schema: { type: 'string' },
    example: '2026-11-01T00:00:00Z',
  },
  {
    name: 'to',
    in: 'query',
    required: false,
    description: 'End of the range, exclusive (default: now).',
    schema: { type: 'string' },
    example: '2026-12-01T00:00:00Z',
  },
];
const eventPageParameters = [
  ...eventSearchParameters,
  {
    name: 'limit',
    in: 'query',
    required: false,
    description: `Events a page, at most ${MAX_SEARCH_LIMIT}.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_LIMIT, default: PAGE_LIMIT },
  },
  {
    name: 'cursor',
    in: 'query',
    required: false,
    description: 'The nextCursor of the previous page.',
    schema: { type: 'string' },
  },
];
const querySyntax400 = {
  description:
    'A parameter is invalid (`fields` names it), or the query does not parse: `position` (0-based) and `expected` say where and what.',
  content: { 'application/json': { schema: ref('EventQuerySyntaxError') } },
};

const limitParameter = {
  name: 'limit',
  in: 'query',
  required: false,
  description: `Rows a page, at most ${MAX_API_LIMIT}.`,
  schema: { type: 'integer', minimum: 1, maximum: MAX_API_LIMIT, default: 50 },
};

const FRAGMENTS: OpenApiFragment[] = [SCHEDULE_API, LIBRARY_API, CALENDAR_API, ME_API];

/** The reference's sections, by the path's first segment after /api/v1. */
const SECTIONS: Record<string, { name: string; description: string }> = {
  me: { name: 'Account', description: 'Who a token acts as.' },
  incidents: {
    name: 'Incidents',
    description: 'Security incidents: open, work, note, close and export them.',
  },
  tasks: { name: 'Tasks', description: 'Compliance tasks, one-off or generated by a schedule.' },
  events: { name: 'Events', description: 'Log events: send them in, search and export them.' },
  schedules: { name: 'Schedules', description: 'Task schedules: recurring reviews and checks.' },
  library: { name: 'Library', description: 'Ready-made schedules to copy.' },
  reports: { name: 'Reports', description: 'The compliance report an examiner asks for.' },
  calendar: { name: 'Calendar feeds', description: 'iCalendar feeds of due dates.' },
  'openapi.json': { name: 'Reference', description: 'This document.' },
};
const TAGS = Object.values(SECTIONS);
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);

/** Each operation in its section, unless its fragment already chose one. */
function tagged(paths: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      const tag = SECTIONS[path.split('/')[3]]?.name;
      if (!tag) return [path, item];
      const operations = Object.entries(item as Record<string, Record<string, unknown>>).map(
        ([key, value]) => [key, HTTP_METHODS.has(key) ? { tags: [tag], ...value } : value],
      );
      return [path, Object.fromEntries(operations)];
    }),
  );
}

export function buildOpenApiDocument(): Record<string, unknown> {
  const document = documentWithoutTagList();
  const used = new Set(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { tags?: string[] }>).flatMap((op) => op.tags ?? []),
    ),
  );
  return { ...document, tags: TAGS.filter((tag) => used.has(tag.name)) };
}

function documentWithoutTagList() {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Vigil API',
      version: '1',
      license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      description:
        'Incidents and tasks of the security and compliance team. Create an API token under Settings → API tokens; it acts with its user\'s role (Read-only users read and export, Users create and work incidents and tasks, Administrators also bulk close) and only within its scopes: `read` for GET and HEAD, `write` for the other methods, `admin` for the routes only Administrators may use (bulk close), `events:ingest` for sending log events. A call outside the token\'s scopes is answered 403 with a problem naming the missing scope; a token past its expiry (chosen at creation, at most 365 days) 401 "token expired".',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths: tagged({
      '/api/v1/incidents': {
        get: {
          operationId: 'listIncidents',
          summary: 'List incidents with the filters of the Incidents page',
          parameters: [...listParameters, limitParameter],
          responses: {
            200: ok('A page of matching incidents.', 'IncidentPage'),
            ...errors(400, 401, 403),
          },
        },
        post: {
          operationId: 'createIncident',
          summary: 'Open an incident (or, for a repeated alert, add to the open one)',
          requestBody: body('CreateIncident'),
          responses: {
            201: {
              ...ok('Opened. `Location` is the new incident.', 'CreatedIncident'),
              headers: {
                Location: { description: '/api/v1/incidents/INC-1042', schema: { type: 'string' } },
              },
            },
            200: ok(
              'An open incident with the same dedupeKey absorbed this alert as a note (`deduplicated: true`).',
              'CreatedIncident',
            ),
            ...errors(400, 401, 403),
          },
        },
      },
      '/api/v1/incidents/{number}': {
        parameters: [numberParameter],
        get: {
          operationId: 'getIncident',
          summary: 'One incident with its owner, watchers, policies and links',
          responses: { 200: withEtag(ok('The incident.', 'Incident')), ...errors(401, 403, 404) },
        },
        patch: {
          operationId: 'updateIncident',
          summary:
            'Change fields and/or the state ("to", from the state you saw in "from"; reopening a Resolved or Closed incident needs a note), against the version you read',
          parameters: [ifMatchParameter],
          requestBody: body('PatchIncident'),
          responses: {
            200: withEtag(ok('The incident after the change.', 'Incident')),
            ...errors(400, 401, 403, 404, 409, 412),
          },
        },
      },
      '/api/v1/incidents/{number}/notes': {
        parameters: [numberParameter],
        post: {
          operationId: 'addIncidentNote',
          summary: 'Add a note (append-only)',
          requestBody: body('AddNote'),
          responses: { 201: ok('The note.', 'Note'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/v1/incidents/{number}/events': {
        parameters: [numberParameter],
        get: {
          operationId: 'getIncidentEvents',
          summary: 'The events kept as evidence on the incident, oldest first',
          responses: {
            200: ok('The copied events.', 'IncidentEvents'),
            ...errors(401, 403, 404),
          },
        },
        post: {
          operationId: 'addIncidentEvents',
          summary:
            'Copy events into the incident as evidence (events it already has are skipped; a closed incident answers 409)',
          requestBody: body('AddIncidentEvents'),
          responses: {
            201: ok('Events were added.', 'AddIncidentEventsResult'),
            200: ok('Every event was already on the incident.', 'AddIncidentEventsResult'),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      '/api/v1/incidents/{number}/close': {
        parameters: [numberParameter],
        post: {
          operationId: 'closeIncident',
          summary: 'Close an incident with its closing note, against the version you read',
          parameters: [ifMatchParameter],
          requestBody: body('CloseIncident'),
          responses: {
            200: withEtag(ok('The closed incident.', 'Incident')),
            ...errors(400, 401, 403, 404, 409, 412),
          },
        },
      },
      '/api/v1/incidents/bulk/close': {
        post: {
          operationId: 'bulkCloseIncidents',
          summary:
            'Close many incidents with one note (administrators; a token with the admin scope)',
          requestBody: body('BulkClose'),
          responses: { 200: ok('What was closed.', 'BulkCloseResult'), ...errors(400, 401, 403) },
        },
      },
      '/api/v1/incidents/close': {
        post: {
          operationId: 'closeIncidents',
          summary:
            'Deprecated: the old name of POST /api/v1/incidents/bulk/close, answered the same, for one release',
          deprecated: true,
          requestBody: body('BulkClose'),
          responses: { 200: ok('What was closed.', 'BulkCloseResult'), ...errors(400, 401, 403) },
        },
      },
      '/api/v1/incidents/export.csv': {
        get: {
          operationId: 'exportIncidentsCsv',
          summary:
            'Every incident matching the filters, as CSV (UTF-8 with BOM, times in your time zone)',
          parameters: listParameters.filter((p) => p.name !== 'cursor'),
          responses: {
            200: {
              description: 'Streamed CSV, offered as a download.',
              headers: {
                'Content-Disposition': {
                  schema: { type: 'string' },
                  description: 'attachment; filename="vigil-incidents-20261128-1405.csv"',
                },
              },
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors(400, 401, 403),
          },
        },
      },
      '/api/v1/tasks': {
        get: {
          operationId: 'listTasks',
          summary: 'List tasks with the filters of the Tasks page (open tasks by default)',
          parameters: [...taskListParameters, limitParameter],
          responses: { 200: ok('A page of matching tasks.', 'TaskPage'), ...errors(400, 401, 403) },
        },
        post: {
          operationId: 'createTask',
          summary: 'Open a task',
          requestBody: body('CreateTask'),
          responses: {
            201: {
              ...ok('Opened. `Location` is the new task.', 'Task'),
              headers: {
                Location: { description: '/api/v1/tasks/TASK-2001', schema: { type: 'string' } },
              },
            },
            ...errors(400, 401, 403),
          },
        },
      },
      '/api/v1/tasks/{number}': {
        parameters: [taskNumberParameter],
        get: {
          operationId: 'getTask',
          summary:
            'One task with its owner, watchers and policies. Tasks are never deleted: there is no DELETE.',
          responses: { 200: withEtag(ok('The task.', 'Task')), ...errors(401, 403, 404) },
        },
        patch: {
          operationId: 'updateTask',
          summary:
            'Change fields and/or the state: a transition (close needs findings; mark-invalid and reopen a reason) from the state you saw, against a version',
          parameters: [ifMatchParameter],
          requestBody: body('PatchTask'),
          responses: {
            200: withEtag(ok('The task after the change.', 'Task')),
            ...errors(400, 401, 403, 404, 409, 412),
          },
        },
      },
      '/api/v1/tasks/{number}/close': {
        parameters: [taskNumberParameter],
        post: {
          operationId: 'closeTask',
          summary: 'Close a task with its findings: what was reviewed and what was found',
          parameters: [ifMatchParameter],
          requestBody: body('CloseTask'),
          responses: {
            200: withEtag(ok('The closed task.', 'Task')),
            ...errors(400, 401, 403, 404, 409, 412),
          },
        },
      },
      '/api/v1/tasks/bulk/close': {
        post: {
          operationId: 'bulkCloseTasks',
          summary:
            'Close many open tasks with one findings text (administrators; a token with the admin scope)',
          requestBody: body('BulkCloseTasks'),
          responses: {
            200: ok('What was closed.', 'BulkCloseTasksResult'),
            ...errors(400, 401, 403),
          },
        },
      },
      '/api/v1/tasks/export.csv': {
        get: {
          operationId: 'exportTasksCsv',
          summary:
            'Every task matching the filters, as CSV (UTF-8 with BOM, times in your time zone)',
          parameters: taskListParameters.filter((p) => p.name !== 'cursor'),
          responses: {
            200: {
              description: 'Streamed CSV, offered as a download.',
              headers: {
                'Content-Disposition': {
                  schema: { type: 'string' },
                  description: 'attachment; filename="vigil-tasks-20270305-1405.csv"',
                },
              },
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors(400, 401, 403),
          },
        },
      },
      '/api/v1/events': {
        get: {
          operationId: 'searchEvents',
          summary: `Search log events, newest first, as the Events page does (count exact up to ${EVENT_COUNT_CAP.toLocaleString('en-US')})`,
          parameters: eventPageParameters,
          responses: {
            200: ok('A page of matching events.', 'EventPage'),
            400: querySyntax400,
            ...errors(401, 403),
          },
        },
        post: {
          operationId: 'ingestEvents',
          summary:
            'Send log events: a JSON array (or one object) or NDJSON (application/x-ndjson), up to 5 MB. Needs a token with the events:ingest scope, of a Power User or Administrator.',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  anyOf: [{ type: 'array', items: { type: 'object' } }, { type: 'object' }],
                },
                example: [
                  {
                    '@timestamp': '2026-11-28T20:05:00Z',
                    host: { name: 'srv-dc01' },
                    winlog: { event_id: 4625 },
                    message: 'An account failed to log on.',
                  },
                ],
              },
              'application/x-ndjson': { schema: { type: 'string' } },
            },
          },
          responses: {
            200: ok('Every event was stored.', 'IngestResult'),
            207: ok(
              'Some events were rejected (each with its index and reason); the good ones were stored.',
              'IngestResult',
            ),
            ...errors(400, 401, 403, 413),
          },
        },
      },
      '/api/v1/events/histogram': {
        get: {
          operationId: 'eventHistogram',
          summary: 'Matches over the range, bucket by bucket (the Events page chart)',
          parameters: eventSearchParameters,
          responses: {
            200: ok('Every bucket of the range, oldest first.', 'EventHistogram'),
            400: querySyntax400,
            ...errors(401, 403),
          },
        },
      },
      '/api/v1/events/export.csv': {
        get: {
          operationId: 'exportEventsCsv',
          summary:
            'Every event matching the search, newest first, as CSV (UTF-8 with BOM, times in your time zone)',
          parameters: eventSearchParameters,
          responses: {
            200: {
              description: 'Streamed CSV, offered as a download.',
              headers: {
                'Content-Disposition': {
                  schema: { type: 'string' },
                  description: 'attachment; filename="vigil-events-20261128-1405.csv"',
                },
              },
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            400: querySyntax400,
            ...errors(401, 403),
          },
        },
      },
      ...COMPLIANCE_REPORT_PATHS,
      ...FRAGMENTS.reduce((all, f) => ({ ...all, ...f.paths }), {}),
      '/api/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          security: [],
          responses: {
            200: {
              description: 'OpenAPI 3.1',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    }),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token: "Authorization: Bearer vgl_…". Its scopes decide which calls it may make: read (GET, HEAD), write (other methods), admin (bulk close), events:ingest (POST /api/v1/events, /api/ingest/es); its user\'s role bounds each call. Expired tokens are refused with 401.',
        },
      },
      schemas: {
        CreateIncident: jsonSchema(createIncidentBody, 'input'),
        PatchIncident: jsonSchema(patchIncidentBody, 'input'),
        AddNote: jsonSchema(noteBody, 'input'),
        AddIncidentEvents: jsonSchema(addIncidentEventsBody, 'input'),
        AddIncidentEventsResult: jsonSchema(addIncidentEventsResult, 'output'),
        IncidentEvents: jsonSchema(incidentEventsJson, 'output'),
        BulkClose: jsonSchema(bulkCloseBody, 'input'),
        Incident: jsonSchema(incidentJson, 'output'),
        CreatedIncident: jsonSchema(createdIncidentJson, 'output'),
        IncidentPage: jsonSchema(incidentPageJson, 'output'),
        Note: jsonSchema(noteJson, 'output'),
        BulkCloseResult: jsonSchema(bulkCloseResult, 'output'),
        CreateTask: jsonSchema(createTaskBody, 'input'),
        PatchTask: jsonSchema(patchTaskBody, 'input'),
        CloseTask: jsonSchema(closeTaskBody, 'input'),
        CloseIncident: jsonSchema(closeIncidentBody, 'input'),
        BulkCloseTasks: jsonSchema(bulkCloseTasksBody, 'input'),
        BulkCloseTasksResult: jsonSchema(bulkCloseTasksResult, 'output'),
        Task: jsonSchema(taskJson, 'output'),
        TaskPage: jsonSchema(taskPageJson, 'output'),
        EventPage: jsonSchema(eventPageJson, 'output'),
        EventHistogram: jsonSchema(histogramJson, 'output'),
        IngestResult: jsonSchema(ingestResultJson, 'output'),
        EventQuerySyntaxError: jsonSchema(querySyntaxErrorJson, 'output'),
        ...PROBLEM_SCHEMAS,
        ...FRAGMENTS.reduce((all, f) => ({ ...all, ...f.schemas }), {}),
      },
      responses: PROBLEM_RESPONSES,
    },
  };
}

import { COMPLIANCE_CSV_FILES } from './csv-files';
import { MAX_REPORT_YEARS } from './params';

// The compliance report's paths in /api/v1/openapi.json (lib/api/openapi.ts spreads them in).

const errorRef = (status: number) => ({ $ref: `#/components/responses/Error${status}` });

const parameters = [
  {
    name: 'from',
    in: 'query',
    required: true,
    description: "First day of the report (YYYY-MM-DD), in the organization's time zone.",
    schema: { type: 'string', format: 'date' },
    example: '2025-01-01',
  },
  {
    name: 'to',
    in: 'query',
    required: true,
    description: `Last day, included (YYYY-MM-DD); not before from, at most ${MAX_REPORT_YEARS} years after it.`,
    schema: { type: 'string', format: 'date' },
    example: '2025-12-31',
  },
  {
    name: 'policy',
    in: 'query',
    required: false,
    description:
      'A policy id: only schedules (and incidents) mapped to it. An unknown policy is a 400.',
    schema: { type: 'string', format: 'uuid' },
  },
  {
    name: 'framework',
    in: 'query',
    required: false,
    description:
      'A framework ("NIST CSF", "CIS", "FFIEC", "PCI DSS", "Custom"): schedules (and incidents) mapped to any of its statements. An unknown framework is a 400.',
    schema: { type: 'string' },
  },
  {
    name: 'tag',
    in: 'query',
    required: false,
    description: 'Only schedules with this tag.',
    schema: { type: 'string' },
  },
  {
    name: 'group',
    in: 'query',
    required: false,
    description: 'Only schedules in this group.',
    schema: { type: 'string' },
  },
];

const occurrence = {
  type: 'object',
  description: 'One planned occurrence of a schedule.',
  properties: {
    scheduleId: { type: 'string', format: 'uuid' },
    scheduleName: { type: 'string' },
    periodKey: { type: 'string', example: 'week:2025-03-03' },
    periodLabel: { type: 'string' },
    occurrenceAt: { type: 'string', format: 'date-time' },
    status: {
      type: 'string',
      enum: ['on-time', 'late', 'open', 'overdue', 'invalid', 'missed', 'pending'],
      description:
        'pending: the occurrence has passed but Vigil has not recorded its task yet; missed: recorded as missed, with the reason.',
    },
    lateBySeconds: { type: ['integer', 'null'] },
    reason: { type: 'string' },
    task: { type: ['object', 'null'] },
    owner: { type: ['object', 'null'] },
    evidence: { type: ['object', 'null'] },
  },
};

export const COMPLIANCE_REPORT_PATHS = {
  '/api/v1/reports/compliance': {
    get: {
      operationId: 'getComplianceReport',
      summary:
        'The compliance report as JSON: every planned occurrence of every schedule in the range, per-schedule and per-policy counts, incidents by month, regulator notices. Each call is logged as a report run.',
      parameters,
      responses: {
        200: {
          description: 'The report; `run` is its entry in the log of reports, with its SHA-256.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  params: { type: 'object' },
                  policyLabel: { type: ['string', 'null'] },
                  organization: { type: 'object' },
                  generatedAt: { type: 'string', format: 'date-time' },
                  occurrences: { type: 'array', items: occurrence },
                  schedules: { type: 'array', items: { type: 'object' } },
                  policies: { type: 'array', items: { type: 'object' } },
                  incidents: { type: 'array', items: { type: 'object' } },
                  notices: { type: 'array', items: { type: 'object' } },
                  run: {
                    type: 'object',
                    properties: { id: { type: 'string' }, sha256: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
        400: errorRef(400),
        401: errorRef(401),
        403: errorRef(403),
      },
    },
  },
  '/api/v1/reports/compliance.csv': {
    get: {
      operationId: 'getComplianceReportCsv',
      summary: `The report's occurrences table as CSV (UTF-8 with BOM, times in your time zone): one row per planned occurrence with the schedule's name and id and a status column. Columns: ${COMPLIANCE_CSV_FILES[0]
        .header('<zone>')
        .join(', ')}.`,
      parameters,
      responses: {
        200: {
          description:
            'CSV, offered as a download; X-Report-Run and X-Report-Sha256 name its entry in the log of reports.',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        400: errorRef(400),
        401: errorRef(401),
        403: errorRef(403),
      },
    },
  },
};

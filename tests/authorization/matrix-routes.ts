import type { Role } from '@/db/schema';
import { roleCan, type Permission } from '@/lib/auth/permissions';
import { ROLES } from '@/lib/auth/roles';

// The authorization matrix of the route handlers: every method of every app/**/route.ts
// (tests/authorization/inventory.ts finds them) as `METHOD /path/{param}`, one line each.
// `token` routes are called with an API token of every role, `session` routes with a
// signed-in session of every role; a refused role gets 403 and every table is unchanged, an
// allowed one gets anything but 403. `open` routes take no sign-in: the reason says what
// guards them instead.

export type RouteRequest = { body?: unknown; query?: string; multipart?: boolean };

export type RouteRule =
  | { kind: 'token' | 'session'; allowed: readonly Role[]; request: RouteRequest }
  | { kind: 'open'; why: string };

const rolesWith = (permission: Permission) => ROLES.filter((role) => roleCan(role, permission));

const token = (permission: Permission, request: RouteRequest = {}): RouteRule => ({
  kind: 'token',
  allowed: rolesWith(permission),
  request,
});
const session = (permission: Permission, request: RouteRequest = {}): RouteRule => ({
  kind: 'session',
  allowed: rolesWith(permission),
  request,
});
const open = (why: string): RouteRule => ({ kind: 'open', why });

export const ROUTE_MATRIX: Record<string, RouteRule> = {
  'GET /api/auth/{nextauth}': open('next-auth: the sign-in flow itself'),
  'POST /api/auth/{nextauth}': open('next-auth: the sign-in flow itself'),
  'GET /api/docs': open('the API reference page, no data'),
  'GET /api/docs/scalar.js': open('the API reference script, no data'),
  'GET /api/health': open('liveness, no data'),
  'GET /api/v1/openapi.json': open('the API description, no data'),
  'GET /api/v1/calendar/people/{file}': open(
    'a calendar feed: the secret in the file name is the credential',
  ),
  'GET /api/v1/calendar/schedules/{file}': open(
    'a calendar feed: the secret in the file name is the credential',
  ),
  'GET /unsubscribe': open('an HMAC-signed, single-purpose link from an email'),
  'POST /unsubscribe': open('an HMAC-signed, single-purpose link from an email (one-click)'),

  'GET /api/ingest/es/{path}': token('events.ingest'),
  'POST /api/ingest/es/{path}': token('events.ingest', { body: { message: 'matrix' } }),
  'PUT /api/ingest/es/{path}': token('events.ingest', { body: { message: 'matrix' } }),
  'DELETE /api/ingest/es/{path}': token('events.ingest'),

  'GET /api/v1/me': token('tickets.view'),
  'GET /api/v1/events': token('events.view'),
  'POST /api/v1/events': token('events.ingest', { body: [{ message: 'matrix' }] }),
  'GET /api/v1/events/export.csv': token('events.view'),
  'GET /api/v1/events/histogram': token('events.view'),
  'GET /api/v1/incidents': token('tickets.view'),
  'POST /api/v1/incidents': token('tickets.work', { body: { title: 'From the matrix' } }),
  'GET /api/v1/incidents/{number}': token('tickets.view'),
  'PATCH /api/v1/incidents/{number}': token('tickets.work', {
    body: { version: 1, title: 'Renamed' },
  }),
  'POST /api/v1/incidents/{number}/close': token('tickets.work', {
    body: { version: 1, closingNote: 'Done.' },
  }),
  'GET /api/v1/incidents/{number}/events': token('tickets.view'),
  'POST /api/v1/incidents/{number}/events': token('tickets.work', { body: { eventIds: [] } }),
  'POST /api/v1/incidents/{number}/notes': token('tickets.work', { body: { body: 'A note' } }),
  'POST /api/v1/incidents/bulk/close': token('incidents.bulk-close', {
    body: { ids: [], closingNote: 'x' },
  }),
  'POST /api/v1/incidents/close': token('incidents.bulk-close', {
    body: { ids: [], closingNote: 'x' },
  }),
  'GET /api/v1/incidents/export.csv': token('tickets.export'),
  'GET /api/v1/library': token('tickets.view'),
  'POST /api/v1/library/copy': token('library.manage', {
    body: { keys: ['user-accounts-created'] },
  }),
  'GET /api/v1/reports/compliance': token('tickets.view'),
  'GET /api/v1/reports/compliance.csv': token('tickets.export', { query: 'table=policies' }),
  'GET /api/v1/schedules': token('tickets.view'),
  'POST /api/v1/schedules': token('schedules.manage', { body: { name: 'Matrix' } }),
  'GET /api/v1/schedules/{id}': token('tickets.view'),
  'PATCH /api/v1/schedules/{id}': token('schedules.manage', {
    body: { version: 1, name: 'Renamed' },
  }),
  'POST /api/v1/schedules/{id}/generate': token('schedules.manage'),
  'GET /api/v1/schedules/{id}/periods.csv': token('tickets.export'),
  'GET /api/v1/schedules/export.csv': token('tickets.export'),
  'GET /api/v1/tasks': token('tickets.view'),
  'POST /api/v1/tasks': token('tickets.work', { body: { title: 'From the matrix' } }),
  'GET /api/v1/tasks/{number}': token('tickets.view'),
  'PATCH /api/v1/tasks/{number}': token('tickets.work', { body: { version: 1, title: 'Renamed' } }),
  'POST /api/v1/tasks/{number}/close': token('tickets.work', {
    body: { version: 1, findings: 'Done.' },
  }),
  'POST /api/v1/tasks/bulk/close': token('tasks.bulk-close', { body: { ids: [], findings: 'x' } }),
  'GET /api/v1/tasks/export.csv': token('tickets.export'),

  'GET /events/export.csv': session('events.view'),
  'GET /incidents/{number}/activity.csv': session('tickets.export'),
  'POST /incidents/{number}/attachments': session('tickets.work', { multipart: true }),
  'GET /incidents/{number}/attachments/{id}': session('tickets.view'),
  'POST /incidents/bulk-close': session('incidents.bulk-close', {
    body: { ids: [], closingNote: 'x' },
  }),
  'GET /incidents/export.csv': session('tickets.export'),
  'GET /reports/compliance/bundle.zip': session('tickets.export'),
  'GET /reports/compliance/incidents-by-month.csv': session('tickets.export'),
  'GET /reports/compliance/notices.csv': session('tickets.export'),
  'GET /reports/compliance/occurrences.csv': session('tickets.export'),
  'GET /reports/compliance/policies.csv': session('tickets.export'),
  'GET /reports/compliance/schedules.csv': session('tickets.export'),
  'GET /schedules/{id}/periods.csv': session('tickets.export'),
  'GET /schedules/export.csv': session('tickets.export'),
  'GET /tasks/{number}/activity.csv': session('tickets.export'),
  'POST /tasks/{number}/attachments': session('tickets.work', { multipart: true }),
  'GET /tasks/{number}/attachments/{id}': session('tickets.view'),
  'GET /tasks/export.csv': session('tickets.export'),
};

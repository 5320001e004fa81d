import { roleCan, type Permission } from './permissions';
import type { Role } from './roles';

// What a token may be used for (lib/auth/api-tokens.ts). Kept apart from the token code so the
// token form in the browser can name the scopes without pulling in the database. A scope only
// narrows: every call is still checked against the token's user's role at that moment.

// Also in the check constraint on api_tokens.scopes (db/schema/users.ts).
export const API_TOKEN_SCOPES = ['read', 'write', 'admin', 'events:ingest'] as const;

export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const API_TOKEN_SCOPE_LABELS: Record<ApiTokenScope, string> = {
  read: 'Read',
  write: 'Write',
  admin: 'Administer',
  'events:ingest': 'Send log events',
};

export const API_TOKEN_SCOPE_HINTS: Record<ApiTokenScope, string> = {
  read: 'GET and HEAD: list, read and export',
  write: 'create, change and close incidents, tasks and schedules',
  admin: 'the calls only Administrators may make, like bulk close',
  'events:ingest': 'POST /api/v1/events and /api/ingest/es, for a log shipper',
};

// The permission a role needs before a token of it may carry the scope: a token that could
// never be used for what it claims is refused when it is made, not at every call.
const SCOPE_PERMISSION: Record<ApiTokenScope, Permission> = {
  read: 'tickets.view',
  write: 'tickets.work',
  admin: 'users.manage',
  'events:ingest': 'events.ingest',
};

export function roleAllowsScope(role: Role, scope: ApiTokenScope): boolean {
  return roleCan(role, SCOPE_PERMISSION[scope]);
}

/** The scopes a token gets when none are chosen: what its user's role can use of /api/v1. */
export function defaultScopesFor(role: Role): ApiTokenScope[] {
  return (['read', 'write', 'admin'] as const).filter((s) => roleAllowsScope(role, s));
}

/** Days a new token lives unless another choice is made, and the longest allowed. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
export const TOKEN_DAY_CHOICES = [7, 30, 90, 180, 365] as const;

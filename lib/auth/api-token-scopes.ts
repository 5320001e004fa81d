import type { ApiToken } from '@/db/schema';

// What a token may be used for (lib/auth/api-tokens.ts). Kept apart from the token code so the
// token form in the browser can name the scopes without pulling in the database.

export type ApiTokenScope = ApiToken['scope'];

export const API_TOKEN_SCOPES = [
  'api',
  'events:ingest',
] as const satisfies readonly ApiTokenScope[];

export const API_TOKEN_SCOPE_LABELS: Record<ApiTokenScope, string> = {
  api: 'Full API access',
  'events:ingest': 'Send log events only',
};

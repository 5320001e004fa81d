import type { Db } from '../../db/client';
import type { Role, User } from '../../db/schema';
import { systemActor } from '../../lib/auth/actor';
import { API_TOKEN_SCOPES, roleAllowsScope } from '../../lib/auth/api-token-scopes';
import { createApiToken } from '../../lib/auth/api-tokens';

/** One person and one API token (of every scope the role allows) for each role, written into `people` and `tokens`. */
export async function peopleWithTokens(
  db: Db,
  makeUser: (role: Role) => Promise<User>,
  people: Record<Role, User>,
  tokens: Record<Role, string>,
): Promise<void> {
  for (const role of ['admin', 'power_user', 'user', 'read_only'] as const) {
    people[role] = await makeUser(role);
    tokens[role] = (
      await createApiToken(db, systemActor('test'), {
        userId: people[role].id,
        name: `${role} integration`,
        // Every scope the role can use: these tests are about what the role may do.
        scopes: API_TOKEN_SCOPES.filter((scope) => roleAllowsScope(role, scope)),
      })
    ).token;
  }
}

export type Call = {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  query?: string;
  number?: string | number;
  headers?: Record<string, string>;
};
export type Handler = (
  request: Request,
  context: { params: Promise<{ number: string }> },
) => Promise<Response>;

/** Calls a route handler as Next.js does: a Request and the route context; the token defaults to `defaultToken()`. */
export function routeCaller(defaultToken: () => string) {
  return async (
    handler: Handler,
    method: string,
    path: string,
    options: Call = {},
  ): Promise<Response> => {
    const headers = new Headers(options.headers);
    const token = options.token === undefined ? defaultToken() : options.token;
    if (token) headers.set('authorization', `Bearer ${token}`);
    const body = options.body !== undefined ? JSON.stringify(options.body) : options.rawBody;
    if (body !== undefined) headers.set('content-type', 'application/json');
    const request = new Request(
      `http://vigil.test${path}${options.query ? `?${options.query}` : ''}`,
      { method, headers, body },
    );
    return handler(request, { params: Promise.resolve({ number: String(options.number ?? '') }) });
  };
}

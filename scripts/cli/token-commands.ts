import { eq } from 'drizzle-orm';
import { apiTokens } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { API_TOKEN_SCOPES } from '@/lib/auth/api-token-scopes';
import { createApiToken, getApiTokensOfUser, revokeApiToken } from '@/lib/auth/api-tokens';
import { ValidationError } from '@/lib/errors';
import type { Command } from './command';
import { CliError } from './errors';
import { formatTimestamp, printTable } from './table';
import { findUserByEmail } from './user-commands';

const actor = systemActor('cli');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const tokenCommands: Command[] = [
  {
    path: ['token', 'create'],
    summary: 'Creates an API token acting as the user, and prints only the token on stdout.',
    options: {
      email: {
        placeholder: 'EMAIL',
        description: 'The user the token acts as (with their role at each call).',
        required: true,
      },
      name: {
        placeholder: 'NAME',
        description: 'What uses it, like "SIEM export".',
        required: true,
      },
      scope: {
        placeholder: 'SCOPE',
        description: `${API_TOKEN_SCOPES.join(' or ')} (default api). events:ingest only sends log events, for a shipper's config.`,
      },
    },
    notes: ['Capture it with: TOKEN=$(npm run --silent vigil -- token create --email E --name N)'],
    async run(options, { db, out, err }) {
      const user = await findUserByEmail(db, options.email!);
      const scope = options.scope?.trim() || 'api';
      if (!(API_TOKEN_SCOPES as readonly string[]).includes(scope))
        throw new CliError(`--scope must be ${API_TOKEN_SCOPES.join(' or ')}, not "${scope}".`);
      const { token } = await createApiToken(db, actor, {
        userId: user.id,
        name: options.name!,
        scope: scope as (typeof API_TOKEN_SCOPES)[number],
      }).catch((error: unknown) => {
        if (error instanceof ValidationError && error.fieldErrors.scope)
          throw new CliError(error.fieldErrors.scope);
        throw error;
      });
      out(token);
      err(`Token created for ${user.email}. It is shown once and cannot be recovered.`);
    },
  },
  {
    path: ['token', 'list'],
    summary: 'Lists a user’s API tokens (never the tokens themselves, which are not stored).',
    options: {
      email: {
        placeholder: 'EMAIL',
        description: 'The user whose tokens to list.',
        required: true,
      },
    },
    async run(options, { db, out }) {
      const user = await findUserByEmail(db, options.email!);
      const tokens = await getApiTokensOfUser(db, user.id);
      const rows = tokens.map((t) => [
        t.id,
        t.name,
        `${t.prefix}…`,
        t.scope,
        formatTimestamp(t.createdAt),
        formatTimestamp(t.lastUsedAt),
        t.revokedAt ? `revoked ${formatTimestamp(t.revokedAt)}` : 'active',
      ]);
      printTable(
        out,
        ['ID', 'NAME', 'STARTS WITH', 'SCOPE', 'CREATED', 'LAST USED', 'STATUS'],
        rows,
      );
    },
  },
  {
    path: ['token', 'revoke'],
    summary: 'Revokes an API token at once.',
    options: {
      id: {
        placeholder: 'ID',
        description: 'The token’s id, as shown by `token list`.',
        required: true,
      },
    },
    async run(options, { db, out }) {
      const id = options.id!.trim();
      if (!UUID.test(id))
        throw new CliError(`"${id}" is not a token id; \`token list --email E\` shows them.`);
      const [token] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
      if (!token) throw new CliError(`No API token has the id ${id}.`);
      if (token.revokedAt)
        return out(
          `Token "${token.name}" was already revoked on ${formatTimestamp(token.revokedAt)}.`,
        );
      await revokeApiToken(db, actor, id);
      out(`Revoked token "${token.name}" (${token.prefix}…).`);
    },
  },
];

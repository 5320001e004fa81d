import { eq } from 'drizzle-orm';
import { apiTokens } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import {
  API_TOKEN_SCOPES,
  DEFAULT_TOKEN_DAYS,
  MAX_TOKEN_DAYS,
  type ApiTokenScope,
} from '@/lib/auth/api-token-scopes';
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
      scopes: {
        placeholder: 'SCOPES',
        description: `Comma-separated, of ${API_TOKEN_SCOPES.join(', ')} (default: read,write, and admin for an administrator). events:ingest alone only sends log events, for a shipper's config.`,
      },
      'expires-in-days': {
        placeholder: 'DAYS',
        description: `Days until the token is refused, 1 to ${MAX_TOKEN_DAYS} (default ${DEFAULT_TOKEN_DAYS}).`,
      },
    },
    notes: ['Capture it with: TOKEN=$(npm run --silent vigil -- token create --email E --name N)'],
    async run(options, { db, out, err }) {
      const user = await findUserByEmail(db, options.email!);
      const scopes = options.scopes
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = scopes?.filter((s) => !(API_TOKEN_SCOPES as readonly string[]).includes(s));
      if (unknown?.length)
        throw new CliError(
          `--scopes takes ${API_TOKEN_SCOPES.join(', ')}; "${unknown.join(', ')}" is not one.`,
        );
      const days = options['expires-in-days']?.trim();
      const { token, record } = await createApiToken(db, actor, {
        userId: user.id,
        name: options.name!,
        scopes: scopes?.length ? (scopes as ApiTokenScope[]) : undefined,
        expiresInDays: days || undefined,
      }).catch((error: unknown) => {
        if (error instanceof ValidationError) {
          const { scopes: scopeError, expiresInDays } = error.fieldErrors;
          if (scopeError) throw new CliError(scopeError);
          if (expiresInDays) throw new CliError(`--expires-in-days: ${expiresInDays}`);
        }
        throw error;
      });
      out(token);
      err(
        `Token created for ${user.email} (${record.scopes.join(', ')}; expires ` +
          `${formatTimestamp(record.expiresAt)}). It is shown once and cannot be recovered.`,
      );
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
        t.scopes.join(','),
        formatTimestamp(t.createdAt),
        formatTimestamp(t.expiresAt),
        formatTimestamp(t.lastUsedAt),
        t.lastUsedAddress ?? '',
        t.revokedAt
          ? `revoked ${formatTimestamp(t.revokedAt)}`
          : t.expiresAt.getTime() <= Date.now()
            ? 'expired'
            : 'active',
      ]);
      printTable(
        out,
        [
          'ID',
          'NAME',
          'STARTS WITH',
          'SCOPES',
          'CREATED',
          'EXPIRES',
          'LAST USED',
          'FROM',
          'STATUS',
        ],
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

import { pgErrorCode } from '@/db/errors';
import { EnvError } from '@/lib/env';
import { isDomainError, ValidationError } from '@/lib/errors';
import { SetupError } from '../embedded/errors';

// The command line answers every failure with one line on stderr and an exit code:
// 2 when the command was typed wrong (nothing was attempted), 1 for everything else.

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command was typed wrong; `helpHint` names the command whose --help would show how. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly helpHint = '--help',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An expected failure found by the command line itself (no such user, bad role). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export type DescribedError = { message: string; exitCode: typeof EXIT_FAILURE | typeof EXIT_USAGE };

/**
 * One line for any error. `optionNames` are the options the command takes: a validation
 * problem on one of them is reported against the option the person typed (`--time-zone`).
 */
export function describeError(error: unknown, optionNames: readonly string[] = []): DescribedError {
  if (error instanceof UsageError) {
    return {
      message: `${error.message} See: npm run vigil -- ${error.helpHint}`,
      exitCode: EXIT_USAGE,
    };
  }
  if (error instanceof ValidationError) {
    const problems = Object.entries(error.fieldErrors).map(([field, message]) => {
      const option = kebabCase(field);
      return optionNames.includes(option) ? `--${option}: ${message}` : message;
    });
    return { message: oneLine(problems.join(' ') || error.message), exitCode: EXIT_FAILURE };
  }
  if (isDomainError(error) || error instanceof CliError || error instanceof SetupError)
    return { message: oneLine(error.message), exitCode: EXIT_FAILURE };
  if (error instanceof EnvError)
    return {
      message: oneLine(`The environment is not valid: ${error.problems.join('; ')}.`),
      exitCode: EXIT_FAILURE,
    };
  return {
    message: oneLine(
      describeDatabaseError(error) ?? `Unexpected error: ${innermostMessage(error)}`,
    ),
    exitCode: EXIT_FAILURE,
  };
}

// What a person can do about the failures PostgreSQL and the network report most.
function describeDatabaseError(error: unknown): string | undefined {
  const code = pgErrorCode(error) ?? networkCode(error);
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
      return `Cannot reach the database (${code}): is PostgreSQL running, and is DATABASE_URL right?`;
    case '28P01':
    case '28000':
      return 'The database refused the user name or password in DATABASE_URL.';
    case '3D000':
      return `${innermostMessage(error)}; create it, or fix DATABASE_URL.`;
    case '57P03':
      return 'PostgreSQL is starting up or shutting down; try again in a moment.';
    case '42P01':
      return 'The database has no Vigil tables yet; run `npm run vigil -- migrate` first.';
    default:
      return undefined;
  }
}

function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    // Node reports a refused connection to every address of a host as an AggregateError.
    const inner = (current as { errors?: unknown[] }).errors?.[0];
    current = inner ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

// drizzle wraps driver errors in "Failed query: <sql> params: ..."; the cause says what went wrong.
function innermostMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 4; depth++) {
    const cause = (current as { cause?: unknown } | undefined)?.cause;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  return current instanceof Error ? current.message : String(current);
}

function kebabCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

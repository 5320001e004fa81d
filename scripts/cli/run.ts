import { createDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { cliEnvSchema, parseEnv } from '@/lib/env';
import { redact } from '@/lib/logging/redact';
import { formatHelp, parseOptions, type Command, type Output } from './command';
import { auditCommands } from './audit-commands';
import { backupCommands } from './backup-commands';
import { openDatabase } from './database';
import { databaseCommands } from './database-commands';
import { describeError, EXIT_USAGE, UsageError } from './errors';
import { tokenCommands } from './token-commands';
import { userCommands } from './user-commands';

export const COMMANDS: Command[] = [
  ...userCommands,
  ...tokenCommands,
  ...databaseCommands,
  ...auditCommands,
  ...backupCommands,
];

/** Runs one command line; returns the exit code (0, 1 for a failure, 2 for a usage error). */
export async function runCli(
  argv: string[],
  io: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let command: Command | undefined;
  try {
    const found = findCommand(argv);
    if ('help' in found) {
      (found.exitCode === 0 ? io.out : io.err)(found.help);
      return found.exitCode;
    }
    command = found.command;
    const { help, options } = parseOptions(command, found.args);
    if (help) {
      io.out(formatHelp(command));
      return 0;
    }

    const cliEnv = parseEnv(cliEnvSchema, env);
    command.checkEnv?.(env);
    const database = await openDatabase(cliEnv, io, { mayCreate: command.migrates });
    try {
      if (command.migrates && !database.migrated)
        await migrateDatabase(database.migration.url, database.migration.options);
      const db = createDb(database.url, { max: 4, applicationName: 'vigil-cli' });
      try {
        await command.run(options, { ...io, db, env });
      } finally {
        await db.close();
      }
    } finally {
      await database.close();
    }
    return 0;
  } catch (error) {
    const { message, exitCode } = describeError(error, command ? Object.keys(command.options) : []);
    io.err(`Error: ${message}`);
    // The whole error with its causes, as the logs show it: stack kept, SQL values and secrets removed.
    if (env.VIGIL_DEBUG && error instanceof Error && !(error instanceof UsageError))
      io.err(JSON.stringify(redact(error), null, 2));
    return exitCode;
  }
}

type Found =
  { command: Command; args: string[] } | { help: string; exitCode: 0 | typeof EXIT_USAGE };

// `vigil user create --email x`: the longest command path that matches the first words.
function findCommand(argv: string[]): Found {
  // `vigil help user create` reads as `vigil user create --help`.
  if (argv[0] === 'help' && argv.length > 1) return findCommand([...argv.slice(1), '--help']);
  const firstOption = argv.findIndex((a) => a.startsWith('-'));
  const words = firstOption === -1 ? argv : argv.slice(0, firstOption);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');

  if (words.length === 0 || (words.length === 1 && words[0] === 'help')) {
    return { help: overview(), exitCode: words.length || wantsHelp ? 0 : EXIT_USAGE };
  }
  const command = COMMANDS.find((c) => c.path.every((word, i) => words[i] === word));
  if (command) return { command, args: argv.slice(command.path.length) };

  const group = COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === words[0]);
  if (group.length && words.length === 1 && wantsHelp)
    return { help: overview(group), exitCode: 0 };
  if (group.length) {
    const what = words[1]
      ? `Unknown command "${words[0]} ${words[1]}".`
      : `"${words[0]}" needs a command.`;
    throw new UsageError(
      `${what} ${words[0]} commands: ${group.map((c) => c.path[1]).join(', ')}.`,
      `${words[0]} --help`,
    );
  }
  throw new UsageError(
    `Unknown command "${words[0]}". Commands: ${[...new Set(COMMANDS.map((c) => c.path[0]))].join(', ')}.`,
  );
}

function overview(commands = COMMANDS): string {
  const names = commands.map((c) => c.path.join(' '));
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Usage: npm run vigil -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c, i) => `  ${names[i].padEnd(width)}  ${c.summary}`),
    '',
    'Each command explains its options with --help (npm run vigil -- user create --help).',
    '',
    'Database: DATABASE_URL when set; otherwise the embedded PostgreSQL in VIGIL_DATA_DIR (default .data),',
    'the running one when `npm start` is up, or started for the command and stopped after it.',
  ].join('\n');
}

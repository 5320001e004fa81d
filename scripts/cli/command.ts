import { parseArgs } from 'node:util';
import type { Db } from '@/db/client';
import { UsageError } from './errors';

export type Output = {
  /** The command's result: what a script would capture. */
  out: (line: string) => void;
  /** Everything else: notes, warnings, errors. */
  err: (line: string) => void;
};

export type CommandContext = Output & { db: Db; env: NodeJS.ProcessEnv };

export type OptionSpec = {
  placeholder: string;
  description: string;
  required?: boolean;
  /** Takes no value (`--demo`); run() sees 'true' when given. */
  flag?: boolean;
};

export type Command = {
  /** How it is typed: ['user', 'create']. */
  path: string[];
  summary: string;
  options: Record<string, OptionSpec>;
  /** One required positional argument (`backup FILE`), handed to run() as options[name]. */
  argument?: { name: string; placeholder: string; description: string };
  /** Printed under the options in --help. */
  notes?: string[];
  /**
   * Apply pending migrations first, even on a database the command line did not start;
   * such a command may also create the embedded database when the data folder has none.
   */
  migrates?: boolean;
  /** Checks what the command needs from the environment before any database is opened. */
  checkEnv?: (env: NodeJS.ProcessEnv) => void;
  run: (options: Record<string, string | undefined>, context: CommandContext) => Promise<void>;
};

/** Parses a command's options (`--email x` or `--email=x`); any mistake is a UsageError. */
export function parseOptions(
  command: Command,
  args: string[],
): { help: boolean; options: Record<string, string | undefined> } {
  const name = command.path.join(' ');
  const hint = `${name} --help`;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          Object.entries(command.options).map(([option, spec]) => [
            option,
            { type: spec.flag ? ('boolean' as const) : ('string' as const) },
          ]),
        ),
      },
      strict: true,
      allowPositionals: !!command.argument,
    });
  } catch (error) {
    throw new UsageError(`${name}: ${describeParseError(error)}`, hint);
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  if (help) return { help: true, options: {} };
  for (const [option, spec] of Object.entries(command.options))
    if (spec.flag) values[option] = values[option] ? 'true' : undefined;
  if (command.argument) {
    if (parsed.positionals.length !== 1)
      throw new UsageError(
        `${name}: give one ${command.argument.placeholder} (${command.argument.description}).`,
        hint,
      );
    values[command.argument.name] = parsed.positionals[0];
  }

  const missing = Object.entries(command.options)
    .filter(([option, spec]) => spec.required && values[option] === undefined)
    .map(([option]) => `--${option}`);
  if (missing.length)
    throw new UsageError(
      `${name}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} required.`,
      hint,
    );
  return { help: false, options: values as Record<string, string | undefined> };
}

// node:util's messages carry advice for its own API ("place it after '--'"); keep the gist.
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const subject = /'(-[^' ]+)/.exec(message ?? '')?.[1] ?? /'([^']+)'/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${subject}.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${subject} needs a value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${subject}".`;
    default:
      return message?.split('\n')[0] ?? 'the arguments could not be read.';
  }
}

export function formatHelp(command: Command): string {
  const usage = [
    ...command.path,
    ...(command.argument ? [command.argument.placeholder] : []),
    ...Object.entries(command.options).map(([option, spec]) =>
      spec.required ? `--${option} ${spec.placeholder}` : `[${optionUsage(option, spec)}]`,
    ),
  ].join(' ');
  const width = Math.max(
    0,
    ...Object.entries(command.options).map(([o, s]) => optionUsage(o, s).length),
  );
  const lines = [`Usage: npm run vigil -- ${usage}`, '', command.summary];
  if (Object.keys(command.options).length) {
    lines.push('', 'Options:');
    for (const [option, spec] of Object.entries(command.options)) {
      lines.push(`  ${optionUsage(option, spec).padEnd(width)}  ${spec.description}`);
    }
  }
  if (command.notes?.length) lines.push('', ...command.notes);
  return lines.join('\n');
}

function optionUsage(option: string, spec: OptionSpec): string {
  return spec.flag ? `--${option}` : `--${option} ${spec.placeholder}`;
}

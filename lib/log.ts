import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import { LOG_LEVELS, type LogLevel } from './env';
import { REDACTED, redact, scrubErrorMessage, scrubText } from './logging/redact';

// One JSON line per event on stdout (warnings and errors too), from any process that logs:
// the web server and the worker (the launcher and the CLI print for people instead). Inside
// a request or a job, lines carry its ids without each call passing them: the request's or
// job's child logger is kept in AsyncLocalStorage.

type Level = 'debug' | 'info' | 'warn' | 'error';

/** LOG_LEVEL wins; VIGIL_DEBUG alone means debug; info otherwise. */
export function logLevelFrom(env: Record<string, string | undefined> = process.env): LogLevel {
  const named = env.LOG_LEVEL?.trim().toLowerCase();
  if (named && (LOG_LEVELS as readonly string[]).includes(named)) return named as LogLevel;
  return env.VIGIL_DEBUG ? 'debug' : 'info';
}

// A first net for request-like objects logged as they are; the `log` formatter below then
// redacts by field name at any depth, errors included (pino's paths cannot see inside an
// error, and their wildcards reach a fixed depth).
const REDACT_PATHS = ['authorization', 'cookie', 'password', 'token', 'secret'].flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
  `*.headers.${key}`,
]);

export function createLogger(
  destination: DestinationStream = pino.destination({ dest: 1, sync: true }),
  level = logLevelFrom(),
): Logger {
  return pino(
    {
      level,
      messageKey: 'message',
      errorKey: 'error',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // The message itself: pino would take an error's own (drizzle's quotes the values).
      hooks: {
        logMethod(args, method) {
          const [first, second] = args as unknown[];
          if (first instanceof Error && typeof second !== 'string')
            return method.call(this, first, scrubErrorMessage(first.message));
          return method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as typeof args,
          );
        },
      },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redact(bindings) as Record<string, unknown>,
        log: (object) => redact(object) as Record<string, unknown>,
      },
      // Errors are turned into plain objects (cause chains kept, values removed) by `redact`.
      serializers: { error: (value: unknown) => value, err: (value: unknown) => value },
    },
    destination,
  );
}

let root: Logger | undefined;
const scope = new AsyncLocalStorage<Logger>();

/** The logger of the request or job this code runs for, or the process's. */
export function logger(): Logger {
  return scope.getStore() ?? (root ??= createLogger());
}

/** Runs `fn` with a child logger carrying `bindings` (requestId, jobId…) on every line. */
export function withLogContext<T>(bindings: Record<string, unknown>, fn: () => T): T {
  return scope.run(logger().child(bindings), fn);
}

/** Sends the process's lines to `destination` (tests read them); returns the way back. */
export function setLogDestination(
  destination: DestinationStream,
  level: LogLevel = 'debug',
): () => void {
  const previous = root;
  root = createLogger(destination, level);
  return () => {
    root = previous;
  };
}

export function log(level: Level, message: string, extra: Record<string, unknown> = {}): void {
  logger()[level](extra, message);
}

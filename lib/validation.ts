import type { z } from 'zod';
import { ValidationError } from './errors';

// PostgreSQL text cannot hold a NUL byte (U+0000): such a value fails inside the statement
// as an error with the whole row attached, a 500 for the user. Every domain input is
// checked for it here, in whatever field it hides, so the user sees which field to fix.
export const NUL_MESSAGE =
  'Cannot contain a NUL character (U+0000, often pasted from a binary file); remove it.';

// The API refuses more: no client means to send a control character other than tab, line
// feed and carriage return (those are text's own), and the others (ESC, BEL, backspace,
// DEL) reach people's screens and terminals from reports and exports. Forms keep the NUL
// rule alone: text pasted there is the user's, and only NUL cannot be stored.
export const CONTROL_MESSAGE =
  'Cannot contain a NUL or other control character (U+0000 to U+001F and U+007F, except ' +
  'tab, line feed and carriage return); remove it.';

// JSON can carry half of a character ("\ud800"): stored as text it silently becomes U+FFFD, and
// in the activity row's JSON PostgreSQL refuses it outright. No real text holds one.
export const SURROGATE_MESSAGE =
  'Cannot contain a broken character (half of a UTF-16 surrogate pair, U+D800 to U+DFFF on ' +
  'its own); send the text as valid Unicode.';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether every UTF-16 surrogate in the text is half of a pair (String#isWellFormed). */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** For schemas parsed outside parseInput: `z.string().refine(hasNoNul, NUL_MESSAGE)`. */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000');
}

export function hasNoControlCharacters(value: string): boolean {
  return !CONTROL.test(value);
}

/**
 * Paths (as parseInput names them: `watchers.0.userId`, `_form` for the value itself) of
 * every string in `value` that fails `ok`, looked for `depth` levels deep. A key that fails
 * is named too: a field is also refused for what its name holds.
 */
export function badStringPaths(
  value: unknown,
  ok: (text: string) => boolean,
  depth = 6,
  path: (string | number)[] = [],
  found: string[] = [],
): string[] {
  if (typeof value === 'string') {
    if (!ok(value)) found.push(path.length ? path.join('.') : '_form');
  } else if (value && typeof value === 'object' && path.length < depth) {
    for (const [key, item] of Object.entries(value)) {
      if (!ok(key)) found.push([...path, JSON.stringify(key)].join('.'));
      else
        badStringPaths(item, ok, depth, [...path, Array.isArray(value) ? Number(key) : key], found);
    }
  }
  return found;
}

/** zod's issues keyed by field; a field the schema does not know is named under its own key. */
export function fieldErrorsOf(issues: z.core.$ZodIssue[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        fieldErrors[[...issue.path, key].join('.')] ??=
          'Not a field this request takes; check its spelling.';
      continue;
    }
    const key = issue.path.length ? issue.path.join('.') : '_form';
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}

/** Parses input with a zod schema, turning its issues into a ValidationError keyed by field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const withNul = badStringPaths(input, hasNoNul);
  const broken = badStringPaths(input, isWellFormedText);
  const result = schema.safeParse(input);
  if (result.success && !withNul.length && !broken.length) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const key of withNul) fieldErrors[key] = NUL_MESSAGE;
  for (const key of broken) fieldErrors[key] ??= SURROGATE_MESSAGE;
  for (const [key, message] of Object.entries(
    fieldErrorsOf(result.success ? [] : result.error.issues),
  ))
    fieldErrors[key] ??= message;
  throw new ValidationError(fieldErrors);
}

import type { z } from 'zod';
import { ValidationError } from './errors';

// PostgreSQL text cannot hold a NUL byte (U+0000): such a value fails inside the statement
// as an error with the whole row attached, a 500 for the user. Every domain input is
// checked for it here, in whatever field it hides, so the user sees which field to fix.
export const NUL_MESSAGE =
  'Cannot contain a NUL character (U+0000, often pasted from a binary file); remove it.';

/** For schemas parsed outside parseInput: `z.string().refine(hasNoNul, NUL_MESSAGE)`. */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000');
}

/** Field paths (as parseInput names them) whose text holds a NUL byte, looked for 6 levels deep. */
function nulFields(value: unknown, path: (string | number)[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (!hasNoNul(value)) found.push(path.length ? path.join('.') : '_form');
  } else if (value && typeof value === 'object' && path.length < 6) {
    for (const [key, item] of Object.entries(value))
      nulFields(item, [...path, Array.isArray(value) ? Number(key) : key], found);
  }
  return found;
}

/** Parses input with a zod schema, turning its issues into a ValidationError keyed by field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const withNul = nulFields(input);
  const result = schema.safeParse(input);
  if (result.success && !withNul.length) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const key of withNul) fieldErrors[key] = NUL_MESSAGE;
  for (const issue of result.success ? [] : result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_form';
    fieldErrors[key] ??= issue.message;
  }
  throw new ValidationError(fieldErrors);
}

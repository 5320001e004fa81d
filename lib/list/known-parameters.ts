import { ValidationError } from '@/lib/errors';

/**
 * Refuses parameter names a list does not know: `severity=high` on a list without
 * severities, or a misspelt "severty", is a clear error instead of a filter silently
 * ignored. `field` prefixes the names when the query sits inside a body ("filter.state").
 */
export function assertKnownParameters(
  searchParams: URLSearchParams,
  known: Iterable<string>,
  field?: string,
): void {
  const names = new Set(known);
  const unknown = [...new Set(searchParams.keys())].filter((key) => !names.has(key));
  if (!unknown.length) return;
  const name = (key: string) => (field ? `${field}.${key}` : key);
  throw new ValidationError(
    Object.fromEntries(
      unknown.map((key) => [name(key), `Unknown parameter; use ${[...names].join(', ')}.`]),
    ),
    `Unknown parameter ${unknown.map((k) => `"${k}"`).join(', ')}.`,
  );
}

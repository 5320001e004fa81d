import { parseLibraryParams, type LibraryParams } from '@/lib/library/get-library';
import { INTERVALS } from '@/lib/library/templates';
import { assertKnownParameters } from '@/lib/list/known-parameters';
import { invalid } from '@/lib/list/url-params';

// GET /api/v1/library's query string: the page's parser, with the API's refusals of names it
// does not know and values it cannot use (the page shows everything instead).

export const LIBRARY_QUERY_PARAMETERS = {
  category: 'Templates of this category (its exact name: Access, Resilience…).',
  framework: 'Templates mapped to this framework (CIS, NIST CSF, FFIEC, PCI DSS…).',
  interval: `How often they recur: ${INTERVALS.join(', ')}.`,
} as const;

export function parseLibraryQuery(searchParams: URLSearchParams): LibraryParams {
  assertKnownParameters(searchParams, Object.keys(LIBRARY_QUERY_PARAMETERS));
  const interval = searchParams.get('interval');
  if (interval && !(INTERVALS as readonly string[]).includes(interval))
    invalid('interval', `Use ${INTERVALS.join(', ')}.`);
  for (const name of ['category', 'framework']) {
    if ((searchParams.get(name) ?? '').trim().length > 100)
      invalid(name, 'Use at most 100 characters.');
  }
  return parseLibraryParams(searchParams);
}

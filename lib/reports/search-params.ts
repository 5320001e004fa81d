import { COMPLIANCE_PARAMETERS } from './params';

type PageSearchParams = Record<string, string | string[] | undefined>;

/** A page's searchParams as URLSearchParams, so the page parses them as its API does. */
export function toSearchParams(record: PageSearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one);
  }
  return params;
}

/** Only the report's filters, for links to its downloads and its sample. */
export function filterQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of COMPLIANCE_PARAMETERS) {
    const value = params.get(name);
    if (value) kept.set(name, value);
  }
  return kept.toString();
}

export function formValues(params: URLSearchParams) {
  return Object.fromEntries(
    COMPLIANCE_PARAMETERS.map((name) => [name, params.get(name) ?? undefined]),
  ) as Partial<Record<(typeof COMPLIANCE_PARAMETERS)[number], string>>;
}

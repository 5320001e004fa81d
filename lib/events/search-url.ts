/** The Events page showing `query` over [from, to): what evidence links back to. */
export function eventsSearchUrl(search: { query: string; from: Date; to: Date }): string {
  const params = new URLSearchParams({
    q: search.query,
    from: search.from.toISOString(),
    to: search.to.toISOString(),
  });
  return `/events?${params.toString()}`;
}

// Keyset paging has no way back of its own: the Events page carries the cursors that led to
// the page it shows in the URL (`back`, oldest first; '' is the first page), so Previous is a
// link too and a shared page-3 link still pages back.

export function eventPageLinks(
  base: URLSearchParams,
  page: { cursor: string | null; back: string[]; nextCursor: string | null },
): { prevHref: string | null; nextHref: string | null } {
  const href = (cursor: string | null, trail: string[]) => {
    const query = new URLSearchParams(base);
    query.delete('cursor');
    query.delete('back');
    if (cursor) query.set('cursor', cursor);
    for (const item of trail) query.append('back', item);
    return `/events?${query}`;
  };
  return {
    prevHref: page.back.length ? href(page.back.at(-1) || null, page.back.slice(0, -1)) : null,
    nextHref: page.nextCursor ? href(page.nextCursor, [...page.back, page.cursor ?? '']) : null,
  };
}

import { encodeCursor, type ListCursor } from './cursor';
import { isDefaultSort, sortToken, type ListSort } from './sort';
import type { TimeRange } from './url-params';

// The writing side of lib/list/url-params.ts: the pieces every list's serializer shares, so
// a list's links, its export URL and "all matching" spell a filter the way the parser reads it.

/** `state`, left out when it is the list's default; `all` when every state was asked for. */
export function appendStates(
  out: URLSearchParams,
  params: { states: readonly string[]; allStates: boolean },
  defaults: readonly string[],
): void {
  if (params.allStates) out.append('state', 'all');
  else if (!sameSet(params.states, defaults)) for (const s of params.states) out.append('state', s);
}

/** `<prefix>From` and `<prefix>To` as the person wrote them. */
export function setRange(out: URLSearchParams, prefix: string, range: TimeRange): void {
  if (range.from) out.set(`${prefix}From`, range.from.text);
  if (range.to) out.set(`${prefix}To`, range.to.text);
}

/** `sort` unless it is the default, then the page position unless `cursor: false`. */
export function setSortAndCursor<K extends string>(
  out: URLSearchParams,
  params: { sort: ListSort<K>; cursor?: ListCursor },
  defaultSort: ListSort<K>,
  options: { cursor?: boolean },
): void {
  if (!isDefaultSort(params.sort, defaultSort)) out.set('sort', sortToken(params.sort));
  if (params.cursor && options.cursor !== false) out.set('cursor', encodeCursor(params.cursor));
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

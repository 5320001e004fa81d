import { invalid } from './url-params';

export type ListSort<K extends string> = { key: K; direction: 'asc' | 'desc' };

/** `due`, `-created`: a sort key, with - in front for descending. */
export function parseSort<K extends string>(
  value: string | undefined,
  keys: readonly K[],
  fallback: ListSort<K>,
): ListSort<K> {
  if (!value) return fallback;
  const direction = value.startsWith('-') ? 'desc' : 'asc';
  const key = value.replace(/^[-+]/, '').toLowerCase();
  if (!(keys as readonly string[]).includes(key)) {
    invalid(
      'sort',
      `Unknown sort "${value}"; use ${keys.join(', ')}, each with - in front for descending.`,
    );
  }
  return { key: key as K, direction };
}

export function sortToken(sort: ListSort<string>): string {
  return `${sort.direction === 'desc' ? '-' : ''}${sort.key}`;
}

export function isDefaultSort(sort: ListSort<string>, fallback: ListSort<string>): boolean {
  return sort.key === fallback.key && sort.direction === fallback.direction;
}

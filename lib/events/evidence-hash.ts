import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) over event ids in ascending numeric order, one per line, each line ending
 * in "\n". Order-independent of how the store returned them, so a re-run compares equal.
 * The empty set hashes the empty string.
 */
export function eventIdsSha256(ids: Iterable<string | bigint>): string {
  const sorted = [...ids].map((id) => BigInt(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const id of sorted) hash.update(`${id}\n`);
  return hash.digest('hex');
}

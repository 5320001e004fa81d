// Page cursor for the small lists ordered by name (keyset on lower(name), id): schedules and
// triggers. A damaged or foreign cursor reads as none, so the list starts from the first page.

export function encodeNameCursor(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.name.toLowerCase(), row.id])).toString('base64url');
}

/** The [lower(name), id] the next page starts after, or undefined to start from the first. */
export function decodeNameCursor(cursor: string | undefined | null): [string, string] | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')
      ? (value as [string, string])
      : undefined;
  } catch {
    return undefined;
  }
}

// What PostgreSQL's uuid type reads: 32 hex digits as 8-4-4-4-12. Ids from URLs and bodies
// are checked against this before any query: a looser check ([0-9a-f-]{36}) let strings like
// "------------------------------------" through, and PostgreSQL's "invalid input syntax for
// type uuid" became a 500 instead of the 400 or 404 the client should see.

export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const UUID = new RegExp(`^${UUID_SOURCE}$`, 'i');

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

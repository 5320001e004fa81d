import { ValidationError } from '@/lib/errors';

// The keyset cursor: the last row's (occurred_at, id), opaque to callers. occurred_at is kept
// as PostgreSQL's own text with microseconds: a JavaScript Date would round them away and
// a page could then skip or repeat events stored in the same millisecond.

export type EventCursor = { occurredAt: string; id: string };

export function encodeEventCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.id])).toString('base64url');
}

export function decodeEventCursor(text: string): EventCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string' &&
      /^\d{1,19}$/.test(value[1])
    )
      return { occurredAt: value[0], id: value[1] };
  } catch {
    // fall through
  }
  throw new ValidationError({ cursor: 'This page link is not valid; start the search again.' });
}

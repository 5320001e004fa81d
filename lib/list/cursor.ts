import { z } from 'zod';
import { invalid, UUID } from './url-params';

/** Where the last row of a page sits in the sort: `value` is the sort column as PostgreSQL printed it. */
export type ListCursor = { sort: string; value: string | null; id: string; before: boolean };

const cursorBody = z.object({
  s: z.string(),
  v: z.string().max(40).nullable(),
  id: z.string().regex(UUID),
  b: z.literal(1).optional(),
});

export function encodeCursor(cursor: ListCursor): string {
  const body: Record<string, unknown> = { s: cursor.sort, v: cursor.value, id: cursor.id };
  if (cursor.before) body.b = 1;
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/**
 * Reads an opaque page cursor. It only means something in the order it came from
 * (`sort`, a sort token), and its value must be what that order's column can hold.
 */
export function decodeCursor(
  text: string | undefined,
  sort: string,
  valueOk: (value: string | null) => boolean,
): ListCursor | undefined {
  if (!text) return undefined;
  const bad = (): never =>
    invalid('cursor', 'This page link is damaged or out of date; start again from the first page.');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    bad();
  }
  const parsed = cursorBody.safeParse(body);
  if (!parsed.success) return bad();
  const { s, v, id, b } = parsed.data;
  if (s !== sort)
    invalid(
      'cursor',
      'This page link belongs to another sort order; start again from the first page.',
    );
  if (!valueOk(v)) bad();
  return { sort: s, value: v, id: id.toLowerCase(), before: b === 1 };
}

import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { DomainError, ValidationError } from '@/lib/errors';
import type { TicketKind } from '@/lib/tickets/ticket-kind';

// Versions over HTTP: GET and PATCH answers of an incident, task or schedule carry its
// version as the ETag, and a write may name the version it edits as `If-Match` instead of
// `version` in the body. The ETag names the version a write checks, not the bytes: answers
// also carry figures of the moment (overdue, response status), and are sent no-store.

/** The precondition failed: the item is no longer at the version If-Match named. */
export class PreconditionFailedError extends DomainError {
  constructor(message: string) {
    super(message, 412);
  }
}

export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** The response, with the item's version as its ETag. */
export function withVersionEtag(response: Response, version: number): Response {
  response.headers.set('ETag', versionEtag(version));
  return response;
}

const IF_MATCH_FIELD = 'If-Match';
const ONE_TAG = /^"([1-9]\d{0,9})"$/;

/** `*`, one version, or absent; a weak or foreign tag never matches (RFC 9110 compares strongly). */
function parseIfMatch(header: string | null): number | '*' | 'no-match' | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  if (value.includes(',')) {
    throw new ValidationError(
      { [IF_MATCH_FIELD]: 'Give one ETag, as the GET answered it ("3").' },
      'If-Match: give one ETag, as the GET answered it.',
    );
  }
  const match = ONE_TAG.exec(value);
  if (match) return Number(match[1]);
  if (/^(W\/)?"[^"]*"$/.test(value)) return 'no-match';
  throw new ValidationError(
    { [IF_MATCH_FIELD]: 'Give the ETag the GET answered, quotes included ("3").' },
    'If-Match: give the ETag the GET answered, quotes included.',
  );
}

/**
 * Reads If-Match for one write. `body` puts the version it names into the request body (a
 * body `version` that says otherwise is a 400: the request contradicts itself); `guard`
 * turns the domain's stale-version conflict into 412 when the item is no longer at that
 * version, so If-Match answers as HTTP says while `version` in the body keeps its 409.
 */
export function ifMatchFor(request: Request, currentVersion: () => Promise<number | undefined>) {
  const tag = parseIfMatch(request.headers.get('if-match'));
  let expected: number | undefined;
  const refuse = async (): Promise<never> => {
    const current = await currentVersion();
    throw new PreconditionFailedError(
      `If-Match names a version this item no longer has${current ? ` (it is at ${versionEtag(current)})` : ''}; reload it. Nothing was changed.`,
    );
  };
  return {
    async body(raw: unknown): Promise<unknown> {
      if (tag === undefined || !raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
      if (tag === 'no-match') return refuse();
      const record = raw as Record<string, unknown>;
      const current = tag === '*' ? await currentVersion() : tag;
      if (current === undefined) return raw; // gone: the write answers its own 404
      if (record.version !== undefined && record.version !== current) {
        throw new ValidationError(
          {
            version: `The body's version (${JSON.stringify(record.version)}) and If-Match (${versionEtag(current)}) disagree; send one of them.`,
          },
          'version and If-Match disagree; send one of them.',
        );
      }
      expected = current;
      return { ...record, version: current };
    },
    async guard<T>(work: Promise<T>): Promise<T> {
      try {
        return await work;
      } catch (error) {
        if (tag === undefined || tag === '*' || !(error instanceof DomainError)) throw error;
        if (error.status !== 409 || expected === undefined) throw error;
        const current = await currentVersion();
        if (current !== undefined && current !== expected)
          throw new PreconditionFailedError(`If-Match ${versionEtag(expected)}: ${error.message}`);
        throw error;
      }
    },
  };
}

/** A ticket's version now, for If-Match (undefined when it does not exist). */
export async function ticketVersion(
  db: DbOrTx,
  kind: TicketKind,
  id: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ version: kind.table.version })
    .from(kind.table)
    .where(eq(kind.table.id, id));
  return row?.version as number | undefined;
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { isDomainError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';
import { parseInput } from '@/lib/validation';
import { BULK_CLOSE_LIMIT, closeIncidents, type CloseIncidentsResult } from './close-incidents';
import { getIncidentIds } from './get-incidents';
import { parseIncidentListParams, type IncidentListViewer } from './list-params';
import { MAX_NOTE } from './schemas';

// Bulk close from the list: the selected ids, or every incident matching the list's
// filter (resolved with the list's own parser and condition, so nothing outside what the
// admin saw is touched), closed by closeIncidents with progress streamed as NDJSON.

const note = z
  .string({ error: 'Write the closing note shared by all of them.' })
  .max(MAX_NOTE)
  .trim()
  .min(1, 'Write the closing note shared by all of them.');

export const bulkCloseBody = z.union([
  z.object({
    ids: z
      .array(z.uuid({ error: 'Select incidents from the list.' }))
      .min(1, 'Select at least one incident.')
      .max(BULK_CLOSE_LIMIT),
    note,
  }),
  z.object({ filter: z.string().max(8000, 'That filter is too long.'), note }),
]);
export type BulkCloseBody = z.input<typeof bulkCloseBody>;

export type BulkCloseLine =
  | ({ type: 'progress'; total: number } & CloseIncidentsResult)
  | ({ type: 'done'; total: number; message: string } & CloseIncidentsResult)
  | { type: 'error'; message: string };

/** The ids a request means. A filter matching more than BULK_CLOSE_LIMIT is refused rather than cut short. */
export async function resolveBulkCloseTargets(
  db: Db,
  viewer: IncidentListViewer,
  rawBody: unknown,
): Promise<{ ids: string[]; note: string }> {
  const body = parseInput(bulkCloseBody, rawBody);
  if ('ids' in body) return { ids: body.ids, note: body.note };
  const query = new URLSearchParams(body.filter.replace(/^\?/, ''));
  query.delete('cursor'); // "all matching" means every page of the filter, not the one on screen
  const ids = await getIncidentIds(
    db,
    parseIncidentListParams(query, viewer),
    BULK_CLOSE_LIMIT + 1,
  );
  if (ids.length === 0) throw new ValidationError({ filter: 'No incidents match this filter.' });
  if (ids.length > BULK_CLOSE_LIMIT) {
    throw new ValidationError({
      filter: `More than ${BULK_CLOSE_LIMIT.toLocaleString('en-US')} incidents match; narrow the filter.`,
    });
  }
  return { ids, note: body.note };
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "Closed 342 incidents; 3 were already closed." */
export function bulkCloseMessage(result: CloseIncidentsResult): string {
  const parts = [`Closed ${plural(result.closed, 'incident', 'incidents')}`];
  if (result.alreadyClosed)
    parts.push(
      `${result.alreadyClosed.toLocaleString('en-US')} ${result.alreadyClosed === 1 ? 'was' : 'were'} already closed`,
    );
  if (result.missing) parts.push(`${result.missing.toLocaleString('en-US')} no longer existed`);
  return `${parts.join('; ')}.`;
}

/**
 * Runs the close and streams one JSON line per batch, then a "done" (or "error") line.
 * The work continues if the browser goes away: each batch commits on its own.
 */
export function bulkCloseStream(
  db: Db,
  actor: Actor,
  ids: string[],
  closingNote: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (line: BulkCloseLine) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          open = false; // the reader left; keep closing
        }
      };
      void (async () => {
        try {
          send({ type: 'progress', total: ids.length, closed: 0, alreadyClosed: 0, missing: 0 });
          const result = await closeIncidents(
            db,
            actor,
            { incidentIds: ids, note: closingNote },
            (progress) => send({ type: 'progress', ...progress }),
          );
          send({ type: 'done', total: ids.length, ...result, message: bulkCloseMessage(result) });
        } catch (error) {
          if (isDomainError(error)) send({ type: 'error', message: error.message });
          else {
            const requestId = actor.requestId ?? randomUUID();
            log('error', 'bulk close failed', { requestId, error });
            send({
              type: 'error',
              message: `Something went wrong on our side; incidents closed so far stay closed. Reference ${requestId}.`,
            });
          }
        } finally {
          if (open) controller.close();
        }
      })();
    },
  });
}

/**
 * CSRF for a cookie-authenticated JSON endpoint: a cross-site form cannot send
 * application/json without a preflight, and a browser always names the Origin of a POST.
 */
export function csrfProblem(request: Request, allowedOrigins: string[]): string | undefined {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return 'Send the request as application/json.';
  const origin = request.headers.get('origin');
  if (!origin || !allowedOrigins.includes(origin))
    return 'This request did not come from Vigil’s own pages.';
  return undefined;
}

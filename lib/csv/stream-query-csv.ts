import type { Db } from '@/db/client';
import { isValidTimeZone } from '@/lib/time/time-zones';
import { CSV_BOM, csvLines } from './csv-text';

// A query's rows as a CSV download (every list's export): a PostgreSQL cursor on a
// reserved connection, one batch per pull, so memory stays flat whether the filter
// matches ten rows or a million and a slow client slows the query instead of filling
// memory; times printed by PostgreSQL in the viewer's zone (lib/csv/spreadsheet-dates.ts) (session-level on the reserved
// connection, reset before it goes back to the pool), UTF-8 with a BOM so Excel reads it
// right, formula-looking cells neutralised by csvLines. The query's columns must already be
// text, in the header's order.

export const CSV_BATCH_ROWS = 1000;

export function streamQueryCsv(
  db: Db,
  query: { sql: string; params: unknown[] },
  header: readonly string[],
  viewerTimeZone: string,
  // Rows of one value, each a whole CSV record made by the query (lib/tickets/export-csv-line.ts).
  { rowsAreLines = false }: { rowsAreLines?: boolean } = {},
): ReadableStream<Uint8Array> {
  const timeZone = isValidTimeZone(viewerTimeZone) ? viewerTimeZone : 'UTC';
  const encoder = new TextEncoder();
  let batches: AsyncIterator<(string | null)[][]> | undefined;
  let prefetched: Promise<IteratorResult<(string | null)[][]>> | undefined;
  let release: (() => Promise<void>) | undefined;
  // Cancelled while still waiting for a connection: it is given back as soon as it comes.
  let cancelled = false;

  const finish = async () => {
    const done = release;
    release = undefined;
    await done?.();
  };

  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        const connection = await db.$client.reserve();
        release = async () => {
          try {
            await prefetched?.catch(() => {});
            await batches?.return?.();
            await connection.unsafe('reset timezone');
          } finally {
            connection.release();
          }
        };
        if (cancelled) return finish();
        try {
          await connection.unsafe('select set_config($1, $2, false)', ['TimeZone', timeZone]);
          batches = connection
            .unsafe(query.sql, query.params as never[])
            .values()
            .cursor(CSV_BATCH_ROWS)
            [Symbol.asyncIterator]() as AsyncIterator<(string | null)[][]>;
        } catch (error) {
          await finish();
          throw error;
        }
        controller.enqueue(encoder.encode(CSV_BOM + csvLines([header])));
      },
      async pull(controller) {
        try {
          const next = await (prefetched ?? batches!.next());
          // Ask for the next batch before formatting this one, so PostgreSQL produces it
          // while we work: the cursor never sits idle waiting for us (one batch ahead at most).
          prefetched = next.done ? undefined : batches!.next();
          if (next.done) {
            await finish();
            controller.close();
            return;
          }
          const rows = next.value;
          controller.enqueue(
            encoder.encode(rowsAreLines ? rows.map((row) => row[0]).join('') : csvLines(rows)),
          );
        } catch (error) {
          await finish().catch(() => {});
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        await finish();
      },
    },
    { highWaterMark: 1 },
  );
}

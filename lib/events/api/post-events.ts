import { z } from 'zod';
import { getDb } from '@/db/client';
import { withIngestAuth } from '@/lib/api/with-ingest-auth';
import { ingestEvents, type IngestResult } from '../ingest';
import { readEventsBody } from './read-events-body';

// POST /api/v1/events: a JSON array or NDJSON of up to 5 MB. Every event is answered for:
// the good ones are stored, each bad one is listed by its index with the reason.

/** What the route answers (200 when every event was accepted, 207 when some were not). */
export const postEventsResponse = z.object({
  accepted: z.number().int().min(0),
  rejected: z.array(
    z.object({
      /** 0-based position in the array, or among the non-empty NDJSON lines. */
      index: z.number().int().min(0),
      reason: z.string(),
    }),
  ),
});

export type PostEventsResponse = z.infer<typeof postEventsResponse>;

export const POST = withIngestAuth(async (request, actor) => {
  const items = await readEventsBody(request);
  const unreadable: IngestResult['rejected'] = [];
  const raws: unknown[] = [];
  const indexOf: number[] = [];
  items.forEach((item, index) => {
    if ('error' in item) unreadable.push({ index, reason: item.error });
    else {
      raws.push(item.value);
      indexOf.push(index);
    }
  });
  const result = await ingestEvents(getDb(), actor, raws, 'api');
  const rejected = [
    ...unreadable,
    ...result.rejected.map((r) => ({ index: indexOf[r.index], reason: r.reason })),
  ].sort((a, b) => a.index - b.index);
  const body: PostEventsResponse = { accepted: result.accepted, rejected };
  return Response.json(body, { status: rejected.length ? 207 : 200 });
});

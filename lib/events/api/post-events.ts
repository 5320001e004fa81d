import { getDb } from '@/db/client';
import { withIngestAuth } from '@/lib/api/with-ingest-auth';
import { ingestEvents } from '../ingest';

// POST /api/v1/events: a JSON array. Owned by the ingest work (NDJSON, 5 MB, 413...).
export const POST = withIngestAuth(async (request, actor) => {
  const body = (await request.json()) as unknown;
  const raws = Array.isArray(body) ? body : [body];
  const result = await ingestEvents(getDb(), actor, raws, 'api');
  return Response.json(result, { status: result.rejected.length ? 207 : 200 });
});

import { getDb } from '@/db/client';
import { getEventStore } from '../store';
import { toEventPageJson } from './event-json';
import { eventSearchRoute } from './search-route';

// GET /api/v1/events?q=&range=|from=&to=&limit=&cursor=: the Events page's search as an API.
export const GET = eventSearchRoute(async (params) => {
  const result = await getEventStore(getDb()).search({
    query: params.query,
    range: params.range,
    limit: params.limit,
    cursor: params.cursor,
  });
  return Response.json(toEventPageJson(result), { headers: { 'Cache-Control': 'no-store' } });
});

import { getDb } from '@/db/client';
import { toHistogramJson } from '@/lib/events/api/event-json';
import { eventSearchRoute } from '@/lib/events/api/search-route';
import { getEventStore } from '@/lib/events/store';
import { otherMethods } from '@/lib/api/method-not-allowed';

// GET /api/v1/events/histogram?q=&range=|from=&to=: matches over the range, bucket by bucket.
export const GET = eventSearchRoute(async (params) => {
  const histogram = await getEventStore(getDb()).histogram(params.query, params.range);
  return Response.json(toHistogramJson(histogram), { headers: { 'Cache-Control': 'no-store' } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

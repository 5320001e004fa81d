import { elasticRoute } from '@/lib/events/elastic/route';

// The Elasticsearch-compatible ingest endpoint (lib/events/elastic/): shippers point at
// /api/ingest/es as if it were a cluster.
export const GET = elasticRoute;
export const HEAD = elasticRoute;
export const POST = elasticRoute;
export const PUT = elasticRoute;
export const DELETE = elasticRoute;

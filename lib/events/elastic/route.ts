import { withIngestAuth } from '@/lib/api/with-ingest-auth';
import { handleElasticRequest } from './router';
import { elasticProblem, PRODUCT_HEADERS } from './responses';

export type ElasticRouteContext = { params: Promise<{ path?: string[] }> };

const authenticated = withIngestAuth<ElasticRouteContext>(async (request, actor, context) => {
  const { path = [] } = await context.params;
  return handleElasticRequest(request, actor, path);
}, elasticProblem);

/** The route handler for every method and path under /api/ingest/es. */
export async function elasticRoute(request: Request, context: ElasticRouteContext) {
  const response = await authenticated(request, context);
  for (const [name, value] of Object.entries(PRODUCT_HEADERS)) response.headers.set(name, value);
  return response;
}

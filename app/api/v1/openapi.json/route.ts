import { buildOpenApiDocument } from '@/lib/api/openapi';

// Served without a token: it documents the API and reveals no data.
export const dynamic = 'force-static';

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), {
    headers: { 'Cache-Control': 'public, max-age=300' },
  });
}

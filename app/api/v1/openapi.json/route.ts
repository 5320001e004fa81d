import { buildOpenApiDocument } from '@/lib/api/openapi';
import { otherMethods } from '@/lib/api/method-not-allowed';

// Served without a token: it documents the API and reveals no data.
export const dynamic = 'force-static';

export function GET(): Response {
  return Response.json(buildOpenApiDocument(), {
    headers: { 'Cache-Control': 'public, max-age=300' },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

import type { OpenApiFragment } from '@/lib/api/openapi-parts';

// The library's paths in /api/v1/openapi.json (lib/api/openapi.ts spreads them in).
export const LIBRARY_API: OpenApiFragment = { paths: {}, schemas: {} };

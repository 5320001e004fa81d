import type { OpenApiFragment } from '@/lib/api/openapi-parts';

// The calendar feeds' paths in /api/v1/openapi.json (lib/api/openapi.ts spreads them in).
export const CALENDAR_API: OpenApiFragment = { paths: {}, schemas: {} };

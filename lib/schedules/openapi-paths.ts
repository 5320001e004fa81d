import type { OpenApiFragment } from '@/lib/api/openapi-parts';

// The task schedules' paths in /api/v1/openapi.json (lib/api/openapi.ts spreads them in).
export const SCHEDULE_API: OpenApiFragment = { paths: {}, schemas: {} };

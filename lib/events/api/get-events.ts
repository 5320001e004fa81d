import { withApiAuth } from '@/lib/api/with-api-auth';

// GET /api/v1/events: the Events page's search as an API. Owned by the Events page work.
export const GET = withApiAuth(async () =>
  Response.json({ error: 'Not built yet.' }, { status: 501 }),
);

import { getDb } from '@/db/client';
import { toLibraryPageJson } from '@/lib/api/library-json';
import { parseLibraryQuery } from '@/lib/api/library-requests';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { getLibraryTemplates } from '@/lib/library/get-library';

/** The library's templates, filtered by category, framework and interval as on the page: one page, counted. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.view');
  const params = parseLibraryQuery(new URL(request.url).searchParams);
  const templates = await getLibraryTemplates(getDb(), params);
  return Response.json(toLibraryPageJson(templates), { headers: { 'Cache-Control': 'no-store' } });
});

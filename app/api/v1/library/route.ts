import { getDb } from '@/db/client';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { assertCan } from '@/lib/auth/permissions';
import { getLibraryTemplates, parseLibraryParams } from '@/lib/library/get-library';
import { otherMethods } from '@/lib/api/method-not-allowed';

/** The library's templates, filtered by category, framework and interval as on the page. */
export const GET = withApiAuth(async (request, actor) => {
  assertCan(actor, 'tickets.view');
  const templates = await getLibraryTemplates(
    getDb(),
    parseLibraryParams(new URL(request.url).searchParams),
  );
  return Response.json(
    {
      data: templates.map(({ updatedAt, ...t }) => ({ ...t, updatedAt: updatedAt.toISOString() })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

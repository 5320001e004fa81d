import { getDb } from '@/db/client';
import { toMeJson } from '@/lib/api/me-json';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { ValidationError } from '@/lib/errors';

// Who a token acts as, and what it may do: the first call an integration makes.
export const GET = withApiAuth(async (request, actor) => {
  const names = [...new Set(new URL(request.url).searchParams.keys())];
  if (names.length) {
    throw new ValidationError(
      Object.fromEntries(names.map((name) => [name, 'This path takes no parameters.'])),
      `Unknown parameter ${names.map((n) => `"${n}"`).join(', ')}.`,
    );
  }
  return Response.json(await toMeJson(getDb(), actor), {
    headers: { 'Cache-Control': 'no-store' },
  });
});

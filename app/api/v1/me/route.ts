import { withApiAuth } from '@/lib/api/with-api-auth';
import { toMeJson } from '@/lib/api/me-json';

// Who a token acts as, and what it may do: the first call an integration makes.
export const GET = withApiAuth(async (_request, actor) => Response.json(toMeJson(actor)));

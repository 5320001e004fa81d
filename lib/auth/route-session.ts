import { getCurrentUser, actorFor } from './session';
import { can, type Permission } from './permissions';
import type { UserActor } from './actor';
import type { User } from '@/db/schema';

/**
 * For route handlers reached with the session cookie (downloads, uploads, streams): the
 * user and actor, or the 401/403 response to send instead.
 */
export async function routeSession(
  permission: Permission,
): Promise<{ user: User; actor: UserActor } | { response: Response }> {
  const user = await getCurrentUser();
  if (!user) return { response: Response.json({ error: 'Sign in first.' }, { status: 401 }) };
  const actor = await actorFor(user);
  if (!can(actor, permission))
    return {
      response: Response.json({ error: 'You do not have permission to do that.' }, { status: 403 }),
    };
  return { user, actor };
}

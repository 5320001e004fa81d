import { z } from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import { PERMISSIONS, roleCan } from '@/lib/auth/permissions';
import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';

// GET /api/v1/me: who a token acts as and what it may do, the first call an integration makes.

export const meJson = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string().meta({ description: 'The role as the app names it: "Power User".' }),
  permissions: z
    .array(z.enum(PERMISSIONS as [string, ...string[]]))
    .meta({ description: "What the token's role may do." }),
});

export function toMeJson(actor: UserActor): z.infer<typeof meJson> {
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    permissions: PERMISSIONS.filter((p) => roleCan(actor.role, p)),
  };
}

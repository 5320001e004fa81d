import { ROLE_LABELS } from '@/lib/auth/roles';
import { withApiAuth } from '@/lib/api/with-api-auth';
import { PERMISSIONS, roleCan } from '@/lib/auth/permissions';
import { otherMethods } from '@/lib/api/method-not-allowed';

// Who a token acts as, and what it may do: the first call an integration makes.
export const GET = withApiAuth(async (_request, actor) =>
  Response.json({
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    permissions: PERMISSIONS.filter((p) => roleCan(actor.role, p)),
  }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

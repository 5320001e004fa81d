import type { Role } from '@/db/schema';
import { roleCan, type Permission } from '@/lib/auth/permissions';
import { ROLES } from '@/lib/auth/roles';

// The authorization matrix of the pages: every app/**/page.tsx by its URL (route groups
// left out, tests/authorization/inventory.ts finds them), one line each. A page is rendered
// in-process as a server component with a session of every role: a refused role meets
// forbidden() (Next.js answers 403 with app/forbidden.tsx), an allowed one does not.

export type PageRule =
  { kind: 'signed-in'; allowed: readonly Role[] } | { kind: 'open'; why: string };

const page = (permission: Permission): PageRule => ({
  kind: 'signed-in',
  allowed: ROLES.filter((role) => roleCan(role, permission)),
});
/** Any signed-in person, on their own things only (the page reads the actor's own rows). */
const own = (): PageRule => ({ kind: 'signed-in', allowed: ROLES });
const open = (why: string): PageRule => ({ kind: 'open', why });

export const PAGE_MATRIX: Record<string, PageRule> = {
  '/': open('sends to the dashboard or to sign in'),
  '/sign-in': open('the sign-in form'),
  '/set-password': open('a signed single-use link is the credential'),

  '/dashboard': page('tickets.view'),
  '/events': page('events.view'),
  '/events/new-incident': page('tickets.work'),
  '/incidents': page('tickets.view'),
  '/incidents/new': page('tickets.work'),
  '/incidents/[number]': page('tickets.view'),
  '/incidents/[number]/edit': page('tickets.work'),
  '/tasks': page('tickets.view'),
  '/tasks/new': page('tickets.work'),
  '/tasks/[number]': page('tickets.view'),
  '/tasks/[number]/edit': page('tickets.work'),
  '/library': page('tickets.view'),
  '/policies': page('tickets.view'),
  '/policies/new': page('policies.manage'),
  '/policies/[id]': page('tickets.view'),
  '/policies/[id]/edit': page('policies.manage'),
  '/reports': page('tickets.view'),
  '/reports/compliance': page('tickets.view'),
  '/reports/compliance/sample': page('tickets.view'),
  '/schedules': page('tickets.view'),
  '/schedules/new': page('schedules.manage'),
  '/schedules/[id]': page('tickets.view'),
  '/schedules/[id]/edit': page('schedules.manage'),
  '/triggers': page('tickets.view'),
  '/triggers/new': page('triggers.manage'),
  '/triggers/[id]': page('tickets.view'),
  '/triggers/[id]/edit': page('triggers.manage'),
  '/settings': own(),
  '/settings/profile': own(),
  '/two-factor': own(),
  '/settings/tokens': own(),
  '/settings/integrations': page('organization.manage'),
  '/settings/integrations/[id]': page('organization.manage'),
  '/settings/organization': page('organization.manage'),
  '/settings/outbox': page('outbox.view'),
  '/settings/teams': page('users.manage'),
  '/settings/users': page('users.manage'),
  '/settings/users/new': page('users.manage'),
  '/settings/users/[id]': page('users.manage'),
};

import { ForbiddenError } from '@/lib/errors';
import type { Actor } from './actor';
import type { Role } from './roles';

// One table answers "may this role do that?" for pages, actions, API routes and jobs alike.
const GRANTS = {
  'tickets.view': ['admin', 'power_user', 'user', 'read_only'],
  'tickets.export': ['admin', 'power_user', 'user', 'read_only'],
  'tickets.work': ['admin', 'power_user', 'user'],
  'incidents.bulk-close': ['admin'],
  'tasks.bulk-close': ['admin'],
  'schedules.manage': ['admin', 'power_user'],
  'events.view': ['admin', 'power_user', 'user', 'read_only'],
  // Sending log events (an ingest token's user, syslog, the seed).
  'events.ingest': ['admin', 'power_user'],
  'triggers.manage': ['admin', 'power_user'],
  'library.manage': ['admin', 'power_user'],
  'policies.manage': ['admin', 'power_user'],
  'users.manage': ['admin'],
  'organization.manage': ['admin'],
  'outbox.view': ['admin'],
  'outbox.retry': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;

export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

export function roleCan(role: Role, permission: Permission): boolean {
  return (GRANTS[permission] as readonly Role[]).includes(role);
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || roleCan(actor.role, permission);
}

/** First line of every domain function that writes. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

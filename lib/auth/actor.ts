import type { Role } from './roles';

// Who is acting, and from where: everything a domain function needs for its permission
// check and its activity-log row. Built from a session, an API token, or a job.
export type UserActor = {
  kind: 'user';
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** The viewer's zone, for messages that name a time ("changed by Dana at 14:02"). */
  timeZone?: string;
  requestId?: string;
  clientAddress?: string;
};

export type SystemActor = {
  kind: 'system';
  // What acted: 'seed', 'cli', 'worker:schedules'...
  label: string;
  requestId?: string;
};

export type Actor = UserActor | SystemActor;

/** The actor of a person as stored: what every way of signing in (session, API token, seed) starts from. */
export function userActor(user: {
  id: string;
  name: string;
  email: string;
  role: Role;
  timeZone: string;
}): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    timeZone: user.timeZone,
  };
}

export function systemActor(label: string): SystemActor {
  return { kind: 'system', label };
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? `${actor.name} <${actor.email}>` : `system:${actor.label}`;
}

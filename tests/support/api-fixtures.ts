import type { Db } from '../../db/client';
import type { Role, User } from '../../db/schema';
import { systemActor } from '../../lib/auth/actor';
import { createApiToken } from '../../lib/auth/api-tokens';

/** One person and one API token for each role, written into `people` and `tokens`. */
export async function peopleWithTokens(
  db: Db,
  makeUser: (role: Role) => Promise<User>,
  people: Record<Role, User>,
  tokens: Record<Role, string>,
): Promise<void> {
  for (const role of ['admin', 'power_user', 'user', 'read_only'] as const) {
    people[role] = await makeUser(role);
    tokens[role] = (await createApiToken(db, systemActor('test'), { userId: people[role].id, name: `${role} integration` })).token;
  }
}

import type { DbOrTx } from '@/db/client';
import type { User } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/auth/roles';
import { createUser } from '@/lib/users/create-user';
import { getUserByEmail, getUsers } from '@/lib/users/get-users';
import { resetPassword } from '@/lib/users/reset-password';
import { setUserActive } from '@/lib/users/set-user-active';
import type { Command } from './command';
import { CliError } from './errors';
import { printTable } from './table';

const actor = systemActor('cli');

const email = { placeholder: 'EMAIL', description: 'The user’s email address.', required: true };

/** A role by its name (power_user) or its label (Power User), in any case. */
export function parseRole(input: string): Role {
  const wanted = input.trim().toLowerCase();
  const role = ROLES.find((r) => r === wanted || ROLE_LABELS[r].toLowerCase() === wanted);
  if (!role) {
    const allowed = ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ');
    throw new CliError(`Unknown role "${input}". Allowed roles: ${allowed}.`);
  }
  return role;
}

export async function findUserByEmail(db: DbOrTx, address: string): Promise<User> {
  const user = await getUserByEmail(db, address);
  if (!user) throw new CliError(`No user has the email address ${address.trim()}.`);
  return user;
}

export const userCommands: Command[] = [
  {
    path: ['user', 'create'],
    summary: 'Creates a user. Without --password, one is generated and printed once.',
    options: {
      email,
      name: {
        placeholder: 'NAME',
        description: 'Their full name, as others will see it.',
        required: true,
      },
      role: {
        placeholder: 'ROLE',
        description: `One of ${ROLES.join(', ')} (or ${ROLES.map((r) => `"${ROLE_LABELS[r]}"`).join(', ')}).`,
        required: true,
      },
      password: {
        placeholder: 'PASSWORD',
        description: 'At least 12 characters; visible to others on this machine while it runs.',
      },
      'time-zone': {
        placeholder: 'ZONE',
        description: 'An IANA time zone like America/Chicago (default UTC).',
      },
    },
    async run(options, { db, out }) {
      const role = parseRole(options.role!);
      const { user, generatedPassword } = await createUser(db, actor, {
        email: options.email!,
        name: options.name!,
        role,
        password: options.password,
        timeZone: options['time-zone'],
      });
      out(
        `Created ${user.name} <${user.email}>, ${ROLE_LABELS[user.role]}, time zone ${user.timeZone}.`,
      );
      out('Queued an invitation email with a link to choose their password (valid 7 days).');
      if (generatedPassword) out(`Password (shown once, not stored): ${generatedPassword}`);
    },
  },
  {
    path: ['user', 'list'],
    summary: 'Lists every user, active ones first.',
    options: {},
    async run(_options, { db, out }) {
      const users = await getUsers(db);
      const rows = users.map((u) => [
        u.email,
        u.name,
        ROLE_LABELS[u.role],
        u.teams.map((t) => t.name).join(', ') || '-',
        u.timeZone,
        u.active ? 'yes' : 'no',
      ]);
      printTable(out, ['EMAIL', 'NAME', 'ROLE', 'TEAMS', 'TIME ZONE', 'ACTIVE'], rows);
    },
  },
  {
    path: ['user', 'reset-password'],
    summary: 'Sets a new generated password, prints it once, and signs the user out everywhere.',
    options: { email },
    async run(options, { db, out }) {
      const user = await findUserByEmail(db, options.email!);
      const { password } = await resetPassword(db, actor, user.id);
      out(`New password for ${user.email} (shown once, not stored): ${password}`);
      out(
        'Their existing sessions have ended. Queued an email with a link to choose their own (valid 24 hours).',
      );
    },
  },
  {
    path: ['user', 'deactivate'],
    summary: 'Stops a user from signing in; their sessions and API tokens stop working at once.',
    options: { email },
    notes: [
      'Users are never deleted: incidents, tasks and the activity log keep referring to them.',
    ],
    async run(options, { db, out }) {
      const user = await findUserByEmail(db, options.email!);
      if (!user.active) return out(`${user.email} is already deactivated.`);
      await setUserActive(db, actor, user.id, false);
      out(`Deactivated ${user.email}: their sessions and API tokens no longer work.`);
    },
  },
  {
    path: ['user', 'reactivate'],
    summary: 'Lets a deactivated user sign in again with their existing password and API tokens.',
    options: { email },
    async run(options, { db, out }) {
      const user = await findUserByEmail(db, options.email!);
      if (user.active) return out(`${user.email} is already active.`);
      await setUserActive(db, actor, user.id, true);
      out(`Reactivated ${user.email}; API tokens they had and that were not revoked work again.`);
    },
  },
];

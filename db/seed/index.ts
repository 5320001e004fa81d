import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organization } from '@/db/schema';
import { systemActor } from '@/lib/auth/actor';
import { generatePassword } from '@/lib/auth/password';
import { syncLibrary } from '@/lib/library/sync-library';
import { syncNoticeRules } from '@/lib/notice-clocks/sync-notice-rules';
import { syncCatalogue } from '@/lib/policies/sync-catalogue';
import { createTeam, getTeams } from '@/lib/teams/teams';
import { createUser } from '@/lib/users/create-user';
import { getUserByEmail } from '@/lib/users/get-users';
import { resetPassword } from '@/lib/users/reset-password';
import { seedDemoEvents } from './demo-events';
import { seedDemoIncidents } from './demo-incidents';
import { seedDemoTriggers } from './demo-triggers';
import { seedDemoWork } from './demo-work';
import { DEMO_ORGANIZATION, DEMO_PEOPLE, DEMO_TEAMS } from './demo-people';

export type SeedOptions = { adminEmail?: string; adminPassword?: string; demoData: boolean };
export type SeedResult =
  | { seeded: false }
  | {
      seeded: true;
      admin: { email: string; password: string; generated: boolean };
      demoUsers: { email: string; name: string; role: string }[];
      demoPassword?: string;
    };

const SEED_LOCK = 7_266_130_003;
const actor = systemActor('seed');

/**
 * Seeds a new organization once. The organization row is written last and marks the seed
 * done; every step before it is idempotent, so a seed interrupted half-way completes on
 * the next start instead of leaving half an organization.
 */
export async function seedIfEmpty(db: Db, options: SeedOptions): Promise<SeedResult> {
  return db.transaction(async (lockTx) => {
    // Held for the whole seed so two processes starting together seed once. The seed itself
    // writes through other connections of `db`, so its pool needs at least two.
    await lockTx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await lockTx.select({ id: organization.id }).from(organization);
    if (existing) return { seeded: false } as const;
    return seed(db, options);
  });
}

async function seed(db: Db, options: SeedOptions): Promise<SeedResult> {
  const teamIds = await ensureTeams(db, options.demoData ? DEMO_TEAMS : DEMO_TEAMS.slice(0, 1));

  const adminEmail = (options.adminEmail ?? 'admin@example.com').toLowerCase();
  const adminPassword = options.adminPassword ?? generatePassword();
  await ensureUser(
    db,
    {
      email: adminEmail,
      name: 'Vigil Administrator',
      role: 'admin',
      timeZone: DEMO_ORGANIZATION.timeZone,
      teams: [],
    },
    adminPassword,
    teamIds,
  );

  const demoUsers: { email: string; name: string; role: string }[] = [];
  let demoPassword: string | undefined;
  if (options.demoData) {
    demoPassword = generatePassword();
    for (const person of DEMO_PEOPLE) {
      await ensureUser(db, person, demoPassword, teamIds);
      demoUsers.push({ email: person.email, name: person.name, role: person.role });
    }
  }

  await syncCatalogue(db);
  await syncLibrary(db);
  await syncNoticeRules(db);
  // Idempotent, so before the organization row; and before the demo work, whose generated
  // reviews look at these events.
  if (options.demoData) await seedDemoEvents(db);
  // The organization row comes before demo incidents (their response targets read its time zone),
  // so an interrupted demo seed leaves a usable, if quieter, organization.
  await db
    .insert(organization)
    .values(options.demoData ? DEMO_ORGANIZATION : { name: 'My organization', timeZone: 'UTC' });
  if (options.demoData) {
    await seedDemoIncidents(db);
    await seedDemoWork(db);
    await seedDemoTriggers(db);
  }
  return {
    seeded: true,
    admin: { email: adminEmail, password: adminPassword, generated: !options.adminPassword },
    demoUsers,
    demoPassword,
  };
}

async function ensureTeams(
  db: Db,
  wanted: { name: string; description: string }[],
): Promise<Map<string, string>> {
  const existing = new Map((await getTeams(db)).map((t) => [t.name, t.id]));
  for (const team of wanted) {
    if (!existing.has(team.name)) existing.set(team.name, (await createTeam(db, actor, team)).id);
  }
  return existing;
}

async function ensureUser(
  db: Db,
  person: (typeof DEMO_PEOPLE)[number],
  password: string,
  teamIds: Map<string, string>,
): Promise<void> {
  const found = await getUserByEmail(db, person.email);
  if (found) {
    // Left by an interrupted seed: its password was never shown, so set the one we print.
    await resetPassword(db, actor, found.id, password, { email: false });
    return;
  }
  await createUser(db, actor, {
    email: person.email,
    name: person.name,
    role: person.role,
    timeZone: person.timeZone,
    password,
    teamIds: person.teams.map((name) => teamIds.get(name)).filter((id): id is string => !!id),
    // Demo people have made-up addresses and a printed password: nobody to invite.
    invite: false,
  });
}

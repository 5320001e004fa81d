import { seedIfEmpty } from '@/db/seed';
import { launcherEnvFields, parseEnv } from '@/lib/env';
import type { Command } from './command';

// The fields alone: zod cannot pick from a schema with refinements (the single sign-on checks).
const seedEnvSchema = launcherEnvFields.pick({
  VIGIL_ADMIN_EMAIL: true,
  VIGIL_ADMIN_PASSWORD: true,
});

export const databaseCommands: Command[] = [
  {
    path: ['migrate'],
    summary: 'Applies every database migration not yet applied. Safe to run while Vigil runs.',
    options: {},
    migrates: true,
    async run(_options, { out }) {
      out('The database schema is up to date.');
    },
  },
  {
    path: ['seed'],
    summary: 'Creates the organization and its administrator (demo data only with --demo), once.',
    options: {
      // Opt-in: demo people share one printed password, which has no place on a real install.
      demo: {
        flag: true,
        placeholder: '',
        description: 'also create the demo people, incidents, tasks and events',
      },
    },
    migrates: true,
    notes: [
      'Environment:',
      '  VIGIL_ADMIN_EMAIL     the administrator’s email (default admin@example.com)',
      '  VIGIL_ADMIN_PASSWORD  their password, at least 12 characters (default: generated and printed)',
      'Does nothing when the database already has an organization.',
    ],
    checkEnv: (env) => void parseEnv(seedEnvSchema, env),
    async run(options, { db, env, out }) {
      const seedEnv = parseEnv(seedEnvSchema, env);
      const result = await seedIfEmpty(db, {
        adminEmail: seedEnv.VIGIL_ADMIN_EMAIL,
        adminPassword: seedEnv.VIGIL_ADMIN_PASSWORD,
        demoData: options.demo === 'true',
      });
      if (!result.seeded)
        return out('The database already has an organization; nothing was seeded.');

      out(`Administrator: ${result.admin.email}`);
      out(
        result.admin.generated
          ? `Password (shown once, not stored): ${result.admin.password}`
          : 'Password: the one in VIGIL_ADMIN_PASSWORD',
      );
      if (result.demoUsers.length) {
        out('');
        out(`Demo users, all with the password ${result.demoPassword} (shown once):`);
        for (const u of result.demoUsers) out(`  ${u.email.padEnd(22)} ${u.name} (${u.role})`);
      }
    },
  },
];

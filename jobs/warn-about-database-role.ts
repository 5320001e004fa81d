import { createDb } from '@/db/client';
import { describeRoleRisk } from '@/db/runtime-grants';
import { log } from '@/lib/log';

/**
 * At start: a worker connected as the schema owner or a superuser could switch off the
 * triggers that protect the evidence. Installs from before the role split still work, so
 * this warns rather than stops; Settings shows administrators the same warning.
 */
export async function warnAboutDatabaseRole(url: string): Promise<void> {
  const db = createDb(url, { max: 1, applicationName: 'vigil-role-check' });
  try {
    const risk = await describeRoleRisk(db);
    if (risk)
      log('warn', 'the worker connects as a role that can alter the audit trail', {
        ...risk,
        fix: 'set DATABASE_URL to a role that owns nothing and DATABASE_MIGRATION_URL to the schema owner',
      });
  } catch (error) {
    log('warn', 'could not check the database role', { error });
  } finally {
    await db.close();
  }
}
